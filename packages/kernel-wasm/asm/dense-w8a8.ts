// The W8A8 dense job (operation OPERATION_DENSE_W8A8 of job.ts): int8 activations
// quantized per row on the JavaScript side, times the int8 panels, summed exactly in i32
// with i32x4.dot_i16x8_s (8 multiply-adds per instruction). Job fields:
//   JOB_X          i16 quantized x, rows of `pairs * 2` values (odd depth: padded with 0)
//   JOB_ROW_SUMS   f32 per row: the scale of that row of x (NaN for a non-finite row)
//   JOB_WEIGHTS    int8 panels as layout.ts lays them out (zero points folded in when they fit)
//   JOB_SCALE      f32 per padded column
//   JOB_ZERO_POINTS  f32 per padded column still to subtract (0 for none)
//   JOB_SCRATCH    per-thread scratch (the GEMM's converted block of panel rows)
// Fewer than W8A8_GEMM_MIN_ROWS rows run here, two rows at a time per panel: each pair of
// panel rows (2j, 2j+1) is widened to the i16 pairs (w[2j][c], w[2j+1][c]) of 16 columns,
// so that one dot with the splatted pair (xq[2j], xq[2j+1]) adds two products to each of
// 4 columns. More rows run the GEMM of dense-w8a8-gemm.ts (dense-w8a8-relaxed.ts in the
// relaxed-SIMD builds from RELAXED_MIN_ROWS rows) on a copy of x laid out for it, written after xq in xq's block
// (prepareGemmRowsW8A8). Every path adds the same integers, so results are the same bits
// on 1 row or many, on any thread split, with or without relaxed SIMD.
import { highPairs, lowPairs, secondRow } from './dense-w8a8-pairs';
import { gemmW8A8Sums, packedBytesW8A8, packRowsW8A8 } from './dense-w8a8-gemm';
import { relaxedW8A8Sums, splitBytesW8A8, splitRowsW8A8 } from './dense-w8a8-relaxed';

/** From this many rows on, the GEMM (dense-w8a8-gemm.ts, or dense-w8a8-relaxed.ts) replaces two rows at a time per panel. */
export const W8A8_GEMM_MIN_ROWS: i32 = 4;

/**
 * From this many rows on, the relaxed-SIMD builds run the relaxed GEMM; fewer rows run the
 * plain one (on Zen 4 with AVX-VNNI the relaxed GEMM took 0.95-0.98x the plain one's time
 * from 32 rows on, but 1.1-1.3x at 4-8 rows, where converting each block costs more).
 */
const RELAXED_MIN_ROWS: i32 = 32;

/** Whether a call of `rows` rows runs the relaxed GEMM (never in the plain builds). */
function relaxedGemm(rows: i32): bool {
  return ASC_FEATURE_RELAXED_SIMD && rows >= RELAXED_MIN_ROWS;
}

/** Bytes the GEMM's copy of x needs after xq (for `rows` >= W8A8_GEMM_MIN_ROWS): packed, or split for the relaxed GEMM. */
export function gemmRowsBytesW8A8(rows: i32, depth: i32): i32 {
  return relaxedGemm(rows) ? splitBytesW8A8(rows, depth) : packedBytesW8A8(rows, depth);
}

/** Writes x as the GEMM reads it at `out` (gemmRowsBytesW8A8 bytes) from xq (as quantizeRowsW8A8 writes it). */
export function prepareGemmRowsW8A8(xq: usize, rows: i32, depth: i32, out: usize): void {
  if (relaxedGemm(rows)) splitRowsW8A8(xq, rows, depth, out);
  else packRowsW8A8(xq, rows, depth, out);
}

/** acc[0..16] = Σ_j (xq[2j], xq[2j+1]) · (w[2j][c], w[2j+1][c]) over one panel, for one row of x. */
function gemvPanel(xq: usize, depth: i32, panel: usize, out: usize): void {
  let a0 = i32x4.splat(0), a1 = i32x4.splat(0), a2 = i32x4.splat(0), a3 = i32x4.splat(0);
  const fullPairs = depth >> 1;
  let w = panel;
  const end = xq + (<usize>fullPairs << 2);
  for (let xp = xq; xp < end; xp += 4) {
    const r0 = v128.load(w);
    const r1 = v128.load(w, 16);
    const s = v128.load32_splat(xp);
    const low = lowPairs(r0, r1);
    const high = highPairs(r0, r1);
    a0 = i32x4.add(a0, i32x4.dot_i16x8_s(s, i16x8.extend_low_i8x16_s(low)));
    a1 = i32x4.add(a1, i32x4.dot_i16x8_s(s, i16x8.extend_high_i8x16_s(low)));
    a2 = i32x4.add(a2, i32x4.dot_i16x8_s(s, i16x8.extend_low_i8x16_s(high)));
    a3 = i32x4.add(a3, i32x4.dot_i16x8_s(s, i16x8.extend_high_i8x16_s(high)));
    w += 32;
  }
  if (depth & 1) {
    const r0 = v128.load(w);
    const r1 = i8x16.splat(0);
    const s = v128.load32_splat(end);
    const low = lowPairs(r0, r1);
    const high = highPairs(r0, r1);
    a0 = i32x4.add(a0, i32x4.dot_i16x8_s(s, i16x8.extend_low_i8x16_s(low)));
    a1 = i32x4.add(a1, i32x4.dot_i16x8_s(s, i16x8.extend_high_i8x16_s(low)));
    a2 = i32x4.add(a2, i32x4.dot_i16x8_s(s, i16x8.extend_low_i8x16_s(high)));
    a3 = i32x4.add(a3, i32x4.dot_i16x8_s(s, i16x8.extend_high_i8x16_s(high)));
  }
  v128.store(out, a0);
  v128.store(out, a1, 16);
  v128.store(out, a2, 32);
  v128.store(out, a3, 48);
}

/** gemvPanel for two rows of x at once (`xq` and `xq + xStride`): each pair of panel rows is widened once for both. */
function gemvPanel2(xq: usize, xStride: usize, depth: i32, panel: usize, out: usize, yStride: usize): void {
  let a0 = i32x4.splat(0), a1 = i32x4.splat(0), a2 = i32x4.splat(0), a3 = i32x4.splat(0);
  let b0 = i32x4.splat(0), b1 = i32x4.splat(0), b2 = i32x4.splat(0), b3 = i32x4.splat(0);
  const pairs = (depth + 1) >> 1;
  let w = panel;
  const end = xq + (<usize>pairs << 2);
  let k = 0;
  for (let xp = xq; xp < end; xp += 4) {
    const r0 = v128.load(w);
    const r1 = secondRow(panel, k, depth);
    const low = lowPairs(r0, r1);
    const high = highPairs(r0, r1);
    const w0 = i16x8.extend_low_i8x16_s(low);
    const w1 = i16x8.extend_high_i8x16_s(low);
    const w2 = i16x8.extend_low_i8x16_s(high);
    const w3 = i16x8.extend_high_i8x16_s(high);
    let s = v128.load32_splat(xp);
    a0 = i32x4.add(a0, i32x4.dot_i16x8_s(s, w0));
    a1 = i32x4.add(a1, i32x4.dot_i16x8_s(s, w1));
    a2 = i32x4.add(a2, i32x4.dot_i16x8_s(s, w2));
    a3 = i32x4.add(a3, i32x4.dot_i16x8_s(s, w3));
    s = v128.load32_splat(xp + xStride);
    b0 = i32x4.add(b0, i32x4.dot_i16x8_s(s, w0));
    b1 = i32x4.add(b1, i32x4.dot_i16x8_s(s, w1));
    b2 = i32x4.add(b2, i32x4.dot_i16x8_s(s, w2));
    b3 = i32x4.add(b3, i32x4.dot_i16x8_s(s, w3));
    w += 32;
    k += 2;
  }
  v128.store(out, a0);
  v128.store(out, a1, 16);
  v128.store(out, a2, 32);
  v128.store(out, a3, 48);
  const out1 = out + yStride;
  v128.store(out1, b0);
  v128.store(out1, b1, 16);
  v128.store(out1, b2, 32);
  v128.store(out1, b3, 48);
}

/**
 * Turns i32 sums into outputs for panels p0 .. p1-1 of every row:
 * y = f32(f32(f32(acc - zeroPoint[n] · Σ_k xq[m][k]) · rowScale[m]) · scale[n]) + bias[n].
 */
function finalizeW8A8(xq: usize, pairs: i32, rows: i32, p0: i32, p1: i32, y: usize, yStride: usize, rowScales: usize, scale: usize, bias: usize, zeroPoints: usize): void {
  const first = <usize>p0 << 6;
  const last = <usize>p1 << 6;
  const xStride = <usize>pairs << 2;
  for (let m = 0; m < rows; m++) {
    const row = y + <usize>m * yStride;
    const rowScale = v128.load32_splat(rowScales + (<usize>m << 2));
    let rowSum = i32x4.splat(0);
    if (zeroPoints !== 0) {
      let sum: i32 = 0;
      const x = xq + <usize>m * xStride;
      for (let k = 0; k < pairs << 1; k++) sum += <i32>load<i16>(x + (<usize>k << 1));
      rowSum = i32x4.splat(sum);
    }
    for (let at = first; at < last; at += 16) {
      let acc = v128.load(row + at);
      if (zeroPoints !== 0) acc = i32x4.sub(acc, i32x4.mul(i32x4.trunc_sat_f32x4_s(v128.load(zeroPoints + at)), rowSum));
      let value = f32x4.mul(f32x4.mul(f32x4.convert_i32x4_s(acc), rowScale), v128.load(scale + at));
      if (bias !== 0) value = f32x4.add(value, v128.load(bias + at));
      v128.store(row + at, value);
    }
  }
}

/** Runs panels p0 .. p1-1 of every row of a W8A8 job (fields as above), then scales and adds the bias. */
export function runW8A8Panels(
  xq: usize,
  rows: i32,
  depth: i32,
  weights: usize,
  p0: i32,
  p1: i32,
  y: usize,
  yStride: usize,
  scratch: usize,
  rowScales: usize,
  scale: usize,
  bias: usize,
  zeroPoints: usize,
): void {
  const pairs = (depth + 1) >> 1;
  const xStride = <usize>pairs << 2;
  const panelBytes = <usize>depth << 4;
  if (rows < W8A8_GEMM_MIN_ROWS) {
    for (let p = p0; p < p1; p++) {
      const panel = weights + <usize>p * panelBytes;
      let m = 0;
      for (; m + 2 <= rows; m += 2) gemvPanel2(xq + <usize>m * xStride, xStride, depth, panel, y + <usize>m * yStride + (<usize>p << 6), yStride);
      if (m < rows) gemvPanel(xq + <usize>m * xStride, depth, panel, y + <usize>m * yStride + (<usize>p << 6));
    }
  } else {
    // x as the GEMM reads it (split or packed) follows xq in the same block, 64-byte aligned.
    const xg = xq + ((<usize>rows * xStride + 63) & ~63);
    if (relaxedGemm(rows)) relaxedW8A8Sums(xg, rows, depth, weights, p0, p1, y, yStride, scratch);
    else gemmW8A8Sums(xg, rows, depth, weights, p0, p1, y, yStride, scratch);
  }
  finalizeW8A8(xq, pairs, rows, p0, p1, y, yStride, rowScales, scale, bias, zeroPoints);
}

/** Rows whose largest |x| is below this quantize to zeros (127 / absMax would overflow f32). */
const ROW_FLOOR: f32 = 5.421010862427522e-20; // 2^-64

/**
 * Quantizes each row of x ([rows][depth] f32) to int8 values held as i16 (rows of
 * 2 * ceil(depth / 2), an odd row padded with 0) exactly as the reference's quantizeRowsS8:
 * absMax = max |x|, inverse = f32(127 / absMax), xq = clamp(nearest(f32(x * inverse)), ±127),
 * rowScale = f32(absMax / 127); NaN scale and zeros for a non-finite row, 0 below 2^-64.
 */
export function quantizeRowsW8A8(x: usize, rows: i32, depth: i32, xq: usize, rowScales: usize): void {
  const stride = <usize>((depth + 1) >> 1) << 2;
  const vectorEnd = depth & ~3;
  for (let m = 0; m < rows; m++) {
    const row = x + <usize>m * (<usize>depth << 2);
    const out = xq + <usize>m * stride;
    // The bits of |x| order as integers (a NaN's above Infinity's): one i32 max per 4 values.
    const magnitude = i32x4.splat(0x7fffffff);
    let wide = i32x4.splat(0);
    for (let k = 0; k < vectorEnd; k += 4) wide = i32x4.max_s(wide, v128.and(v128.load(row + (<usize>k << 2)), magnitude));
    let bits = max(max(i32x4.extract_lane(wide, 0), i32x4.extract_lane(wide, 1)), max(i32x4.extract_lane(wide, 2), i32x4.extract_lane(wide, 3)));
    for (let k = vectorEnd; k < depth; k++) bits = max(bits, load<i32>(row + (<usize>k << 2)) & 0x7fffffff);
    const absMax = reinterpret<f32>(bits);
    if (depth & 1) store<i16>(out + (<usize>depth << 1), 0);
    if (absMax != absMax || absMax == Infinity || absMax < ROW_FLOOR) {
      store<f32>(rowScales + (<usize>m << 2), absMax < ROW_FLOOR ? 0 : NaN);
      for (let k = 0; k < depth; k++) store<i16>(out + (<usize>k << 1), 0);
      continue;
    }
    const inverse: f32 = <f32>127 / absMax;
    store<f32>(rowScales + (<usize>m << 2), absMax / <f32>127);
    const scale = f32x4.splat(inverse);
    // |x · inverse| <= 127 (and a little): adding 1.5 · 2^23 rounds it to an integer, ties to
    // even as nearest() does, held in the low bits of the sum; clamped as integers.
    const magic = f32x4.splat(12582912);
    const magicBits = i32x4.splat(0x4b400000);
    const high = i32x4.splat(127);
    const low = i32x4.splat(-127);
    for (let k = 0; k < vectorEnd; k += 4) {
      const rounded = i32x4.sub(f32x4.add(f32x4.mul(v128.load(row + (<usize>k << 2)), scale), magic), magicBits);
      const q = i32x4.max_s(low, i32x4.min_s(high, rounded));
      v128.store64_lane(out + (<usize>k << 1), i16x8.narrow_i32x4_s(q, q), 0);
    }
    for (let k = vectorEnd; k < depth; k++) {
      const value = max(<f32>-127, min(<f32>127, nearest<f32>(load<f32>(row + (<usize>k << 2)) * inverse)));
      store<i16>(out + (<usize>k << 1), <i16><i32>value);
    }
  }
}
