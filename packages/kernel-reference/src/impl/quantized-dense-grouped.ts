import { biasReader, checkBufferLength, checkSizes } from './check-buffers.js';
import { ShapeError } from '@qaxon/tensor';

/**
 * Weight-only quantized dense with group-wise scales (a kernel quantized in groups of
 * `groupSize` inputs: scales and zero points `[groups, units]`, `groups = inner / groupSize`),
 * over typed arrays. Values are integers stored one per `Int8Array` element (8-bit and
 * 4-bit alike). The rounding order, for each row `m` and unit `n`:
 *
 * 1. per group `g`: `d_g = f32(Σ_k x[m][k] * (values[k][n] - zeroPoints[g][n]))`, the sum
 *    over the group's `k` in float64, in ascending `k`, rounded once to float32;
 * 2. `p_g = f32(scales[g][n] * d_g)`, the group's partial rounded to float32;
 * 3. `acc = Σ_g p_g` in float64, in ascending `g`, starting from 0;
 * 4. `out[m][n] = f32(f32(acc) + f32(bias[n]))`.
 *
 * With one group (`groupSize = inner`) this is exactly `quantizedDenseS8`'s per-channel
 * result (`f32(f32(scale * d) + bias)`), bit for bit.
 *
 * @param x - row-major `[rows, inner]` inputs.
 * @param rows - number of input rows (`M`).
 * @param inner - the reduced axis (`K`), a multiple of `groupSize`.
 * @param values - row-major `[inner, units]` integer weights.
 * @param scales - row-major `[inner / groupSize, units]` float32 scales.
 * @param zeroPoints - `[inner / groupSize, units]` zero points, or `undefined` (all 0, symmetric).
 * @param units - output channels (`N`).
 * @param groupSize - inputs per scale (a positive divisor of `inner`).
 * @param bias - one value per unit, one number for every unit, or `undefined` (0).
 * @param out - optional `[rows, units]` destination (overwritten); a new array otherwise.
 * @returns `out`, row-major `[rows, units]`.
 *
 * @example
 * ```ts
 * import { quantizedDenseGrouped } from '@qaxon/kernel-reference/impl';
 * // x [1, 4] · kernel [4, 1] in groups of 2: scales [[0.5], [0.25]].
 * const y = quantizedDenseGrouped(
 *   new Float32Array([1, 2, 3, 4]), 1, 4,
 *   new Int8Array([1, 1, 2, 2]), new Float32Array([0.5, 0.25]), undefined, 1, 2,
 *   undefined,
 * );
 * console.log([...y]); // [5] = 0.5 * (1 + 2) + 0.25 * (6 + 8)
 * ```
 */
export function quantizedDenseGrouped(
  x: Float32Array,
  rows: number,
  inner: number,
  values: Int8Array,
  scales: Float32Array,
  zeroPoints: Int8Array | undefined,
  units: number,
  groupSize: number,
  bias: Float32Array | number | undefined,
  out: Float32Array = new Float32Array(rows * units),
): Float32Array {
  const where = 'quantizedDenseGrouped';
  checkSizes(where, { rows, inner, units, groupSize });
  if (groupSize < 1 || inner % groupSize !== 0) {
    throw new ShapeError(`${where}: expected groupSize to be a positive divisor of inner = ${inner}, got ${groupSize}`);
  }
  const groups = inner / groupSize;
  checkBufferLength(where, 'x', x, rows * inner);
  checkBufferLength(where, 'values', values, inner * units);
  checkBufferLength(where, 'scales', scales, groups * units);
  if (zeroPoints !== undefined) checkBufferLength(where, 'zeroPoints', zeroPoints, groups * units);
  checkBufferLength(where, 'out', out, rows * units);
  const biasAt = biasReader(where, bias, units);
  const sums = new Float64Array(units);
  const accumulated = new Float64Array(units);
  for (let m = 0; m < rows; m++) {
    accumulated.fill(0);
    for (let g = 0; g < groups; g++) {
      sums.fill(0);
      const groupRow = g * units;
      for (let k = g * groupSize; k < (g + 1) * groupSize; k++) {
        const xValue = x[m * inner + k]!;
        const valueRow = k * units;
        if (zeroPoints === undefined) {
          for (let n = 0; n < units; n++) sums[n] = sums[n]! + xValue * values[valueRow + n]!;
        } else {
          for (let n = 0; n < units; n++) sums[n] = sums[n]! + xValue * (values[valueRow + n]! - zeroPoints[groupRow + n]!);
        }
      }
      for (let n = 0; n < units; n++) accumulated[n] = accumulated[n]! + Math.fround(scales[groupRow + n]! * Math.fround(sums[n]!));
    }
    for (let n = 0; n < units; n++) out[m * units + n] = Math.fround(accumulated[n]!) + biasAt(n);
  }
  return out;
}
