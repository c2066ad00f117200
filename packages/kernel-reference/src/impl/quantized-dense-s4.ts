import { biasReader, checkBufferLength, checkSizes } from './check-buffers.js';
import { ShapeError } from '@qaxon/tensor';

/**
 * Weight-only quantized dense over packed 4-bit ("s4") weights, the oracle of the s4
 * kernels. `packed` holds `[ceil(inner / 2), units]` bytes, two values per byte along
 * `inner`: byte `[k >> 1][n]` holds `value[k][n]` in its low nibble for even `k` and in its
 * high nibble for odd `k` (4-bit two's complement; see `packInt4` in `@qaxon/tensor`).
 * Scales (and zero points) are `[groups, units]` with `groups = ceil(inner / groupSize)`:
 * the last group may be shorter. `groupSize` undefined: one scale per unit (one group).
 *
 * The rounding order is `quantizedDenseGrouped`'s, for each row `m` and unit `n`:
 * 1. per group `g`: `d_g = f32(Σ_k x[m][k] * (value[k][n] - zeroPoints[g][n]))` in float64,
 *    ascending `k`, rounded once;
 * 2. `p_g = f32(scales[g][n] * d_g)`;
 * 3. `acc = Σ_g p_g` in float64, ascending `g`;
 * 4. `out[m][n] = f32(f32(acc) + f32(bias[n]))`.
 * So it equals `quantizedDenseGrouped` on the unpacked values bit for bit wherever that
 * applies (groups dividing `inner`), and `quantizedDenseS8` with one group.
 *
 * @param x - row-major `[rows, inner]` inputs.
 * @param rows - number of input rows (`M`).
 * @param inner - the reduced axis (`K`), any size.
 * @param packed - row-major `[ceil(inner / 2), units]` packed bytes.
 * @param scales - row-major `[groups, units]` float32 scales.
 * @param zeroPoints - `[groups, units]` zero points in `[-8, 7]`, or `undefined` (all 0).
 * @param units - output channels (`N`).
 * @param groupSize - inputs per scale, even; `undefined`: one scale per unit.
 * @param bias - one value per unit, one number for every unit, or `undefined` (0).
 * @param out - optional `[rows, units]` destination (overwritten); a new array otherwise.
 * @returns `out`, row-major `[rows, units]`.
 *
 * @example
 * ```ts
 * import { quantizedDenseS4 } from '@qaxon/kernel-reference/impl';
 * // x [1, 3] · kernel [[1], [-2], [3]] (bytes: 1 | -2 << 4, then 3), one scale 0.5.
 * const y = quantizedDenseS4(new Float32Array([1, 1, 1]), 1, 3, new Int8Array([-31, 3]), new Float32Array([0.5]), undefined, 1, undefined, undefined);
 * console.log([...y]); // [1]
 * ```
 */
export function quantizedDenseS4(
  x: Float32Array,
  rows: number,
  inner: number,
  packed: Int8Array,
  scales: Float32Array,
  zeroPoints: Int8Array | undefined,
  units: number,
  groupSize: number | undefined,
  bias: Float32Array | number | undefined,
  out: Float32Array = new Float32Array(rows * units),
): Float32Array {
  const where = 'quantizedDenseS4';
  checkSizes(where, { rows, inner, units });
  if (groupSize !== undefined && !(Number.isSafeInteger(groupSize) && groupSize >= 2 && groupSize % 2 === 0)) {
    throw new ShapeError(`${where}: expected an even groupSize >= 2 (two values share a byte along inner) or undefined, got ${groupSize}`);
  }
  const size = groupSize ?? inner;
  const groups = groupSize === undefined ? 1 : Math.ceil(inner / size);
  checkBufferLength(where, 'x', x, rows * inner);
  checkBufferLength(where, 'packed', packed, ((inner + 1) >> 1) * units);
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
      const end = Math.min(inner, (g + 1) * size);
      for (let k = g * size; k < end; k++) {
        const xValue = x[m * inner + k]!;
        const byteRow = (k >> 1) * units;
        const odd = (k & 1) === 1;
        for (let n = 0; n < units; n++) {
          const byte = packed[byteRow + n]!;
          const value = odd ? byte >> 4 : (byte << 28) >> 28;
          sums[n] = sums[n]! + xValue * (value - (zeroPoints === undefined ? 0 : zeroPoints[groupRow + n]!));
        }
      }
      for (let n = 0; n < units; n++) accumulated[n] = accumulated[n]! + Math.fround(scales[groupRow + n]! * Math.fround(sums[n]!));
    }
    for (let n = 0; n < units; n++) out[m * units + n] = Math.fround(accumulated[n]!) + biasAt(n);
  }
  return out;
}
