import type { DenseContext } from './dense-call.js';
import { compactRows, panelsPerChunk, runDenseJob, withDenseOutput, writePaddedBias } from './dense-job.js';
import type { KernelUpload } from './uploads/kernel-upload.js';

/**
 * Largest |xq| after quantizing a row of x for the s4 kernel: `2^31 - 2^16`, so that the
 * high half `(xq + 32768) >> 16` stays in i16.
 */
export const S4_X_LEVELS = 2 ** 31 - 2 ** 16;

/**
 * Runs `y = x · kernel + bias` for an s4 upload (`upload.kind === 's4'`), all in the
 * module's memory: each row of `x` (`[rows, in]` f32 at `xBlock`) is first written as
 * integers with its own scale `max|x| / (2^31 - 2^16)` (round half away from zero; an
 * error of at most `max|x| · 2^-32` per value), each split into two i16 halves, then the
 * kernel sums x · w exactly in i32 per group and scales each group's sums in f32. Returns a new
 * block of `[rows, units]` row-major f32. A row with a NaN or an infinity is summed again
 * on the host in float64 ({@link nonFiniteRow}), so NaN and infinities come out where the
 * reference's sum puts them.
 *
 * @example
 * ```text
 * const yBlock = runDenseS4(context, upload, xBlock, 1, 0);
 * ```
 */
export function runDenseS4(context: DenseContext, upload: KernelUpload, xBlock: number, rows: number, biasBlock: number): number {
  const { heap, layout } = context;
  const { depth, units, panels } = upload;
  const padded = panels * layout.panelWidth;
  const pairs = (depth + 1) >> 1;
  return withDenseOutput(heap, Math.max(1, rows * padded * 4), rows * units === 0, (yBlock, allocate) => {
    const xq = allocate(Math.max(8, rows * pairs * 8));
    const xScales = allocate(rows * 4);
    quantizeRows(heap.f32(xBlock, rows * depth), rows, depth, new Int16Array(heap.i8(xq, rows * pairs * 8).buffer, xq, rows * pairs * 4), heap.f32(xScales, rows));
    const paddedBias = biasBlock === 0 ? 0 : writePaddedBias(heap, allocate, biasBlock, units, padded);
    runDenseJob(context, {
      operation: layout.denseS4,
      x: xq,
      rows,
      depth,
      weights: upload.weights,
      panels,
      panelsPerChunk: panelsPerChunk(context, rows * depth * units, panels),
      y: yBlock,
      yStride: padded * 4,
      scale: upload.scale,
      bias: paddedBias,
      zeroPoints: upload.groupPairs ?? Math.max(1, pairs),
      rowSums: xScales,
    });
    const scales = heap.f32(xScales, rows);
    for (let m = 0; m < rows; m++) {
      if (Number.isNaN(scales[m]!)) nonFiniteRow(heap, upload, heap.f32(xBlock + m * depth * 4, depth), heap.f32(yBlock + m * padded * 4, units), paddedBias);
    }
    compactRows(heap, yBlock, rows, units, padded);
  });
}

/**
 * `y = x · w + bias` for one row of `x` holding a NaN or an infinity (the kernel cannot
 * scale it to integers), summed in float64 from the s4 panels in the module's memory, so
 * that NaN and ±Infinity come out as in the reference (`0 · Infinity` is NaN, opposite
 * infinities give NaN). Slow (a scalar pass over the layer), and only for such rows.
 */
function nonFiniteRow(heap: DenseContext['heap'], upload: KernelUpload, x: Float32Array, y: Float32Array, bias: number): void {
  const { depth, units, panels, weights, scale } = upload;
  const pairs = (depth + 1) >> 1;
  const groupPairs = upload.groupPairs ?? Math.max(1, pairs);
  const groups = Math.max(1, Math.ceil(pairs / groupPairs));
  const bytes = new Uint8Array(heap.i8(weights, pairs * panels * 16).buffer, weights, pairs * panels * 16);
  const scales = heap.f32(scale, groups * panels * 16);
  const biases = bias === 0 ? undefined : heap.f32(bias, units);
  for (let n = 0; n < units; n++) {
    const panel = n >> 4;
    const q = (n & 15) >> 2;
    const m = n & 3;
    let sum = 0;
    for (let k = 0; k < depth; k++) {
      const j = k >> 1;
      const byte = bytes[(panel * pairs + j) * 16 + 2 * (2 * m + (k & 1)) + (q >> 1)]!;
      const nibble = (byte >> ((q & 1) * 4)) & 15;
      const value = nibble >= 8 ? nibble - 16 : nibble;
      sum += x[k]! * (value * scales[(panel * groups + Math.floor(j / groupPairs)) * 16 + (n & 15)]!);
    }
    y[n] = sum + (biases?.[n] ?? 0);
  }
}

/**
 * Writes each row of `x` as integers `xq = round(x / scale)` with `scale = max|x| / (2^31
 * - 2^16)` (`scales`; 0 for a zero row, NaN for a non-finite one), split as `xq = 65536 ·
 * hi + lo` with `hi`, `lo` in i16, laid out per pair of values as (hi[2j], hi[2j + 1],
 * lo[2j], lo[2j + 1]) in `xq` (rows of `4 * ceil(depth / 2)` i16, an odd row padded with 0).
 */
export function quantizeRows(x: Float32Array, rows: number, depth: number, xq: Int16Array, scales: Float32Array): void {
  const stride = ((depth + 1) >> 1) * 4;
  for (let m = 0; m < rows; m++) {
    const row = x.subarray(m * depth, (m + 1) * depth);
    let amax = 0;
    for (let k = 0; k < depth; k++) amax = Math.max(amax, Math.abs(row[k]!));
    const out = xq.subarray(m * stride, (m + 1) * stride);
    out.fill(0);
    if (!Number.isFinite(amax) || amax === 0) {
      scales[m] = Number.isFinite(amax) ? 0 : Number.NaN;
      continue;
    }
    const scale = Math.fround(amax / S4_X_LEVELS);
    scales[m] = scale;
    for (let k = 0; k < depth; k++) {
      const value = row[k]! / scale;
      const whole = Math.min(S4_X_LEVELS, Math.max(-S4_X_LEVELS, value < 0 ? -Math.round(-value) : Math.round(value)));
      const high = Math.floor((whole + 32768) / 65536);
      const at = (k >> 1) * 4 + (k & 1);
      out[at] = high;
      out[at + 2] = whole - high * 65536;
    }
  }
}

/**
 * The documented bound of the s4 dense: how far an output may lie from the exact
 * `Σ_k x[k] · w[k] + bias` (`w` the dequantized weights of its column). Each x[k] is off
 * by at most half a step of the row's integer grid (`max|x| · 2^-32`, 2^-31 here to cover
 * the f32 scale), each group's integer sums are exact, and the f32 work (the two halves'
 * conversions and add, the group scale, the running sum, then x's scale and the bias)
 * adds at most 2^-24 of `Σ |x[k] · w[k]|` per rounding, about `groups + 6` of them:
 *   |y − exact| ≤ 2^-31 · max|x| · Σ|w[k]| + 2^-23 · (in + 6) · (Σ|x[k] · w[k]| + |bias|) + 2^-126
 * (`in` standing for the number of groups, an upper bound), which is the float32 bound the
 * conformance suite holds `quantizedDense` to plus the first term.
 *
 * @example
 * ```text
 * const bound = s4DenseBound(xRow, columnWeights, bias);
 * ```
 */
export function s4DenseBound(x: ArrayLike<number>, weights: ArrayLike<number>, bias: number): number {
  let amax = 0;
  let absW = 0;
  let absXW = 0;
  for (let k = 0; k < x.length; k++) {
    amax = Math.max(amax, Math.abs(x[k]!));
    absW += Math.abs(weights[k]!);
    absXW += Math.abs(x[k]! * weights[k]!);
  }
  return 2 ** -31 * amax * absW + 2 ** -23 * (x.length + 6) * (absXW + Math.abs(bias)) + 2 ** -126;
}
