import { biasReader, checkBufferLength, checkSizes } from './check-buffers.js';

/**
 * Weight-only int8 dense over typed arrays, the obviously-right way, with exactly Axon
 * 0.8.1's three float32 roundings (`Nx.dot`, then `Nx.multiply(scale)`, then `Nx.add(bias)`
 * on Nx's BinaryBackend):
 * `d = f32(Σ_k x[m][k] * (values[k][n] - zeroPoints[n]))` (the sum in float64, in ascending
 * `k`, rounded once), `out[m][n] = f32(f32(d * scales[n]) + f32(bias[n]))`.
 * It reads the int8 values directly and applies each column's scale after the sum: it never
 * builds a float copy of the kernel.
 *
 * @param x - row-major `[rows, inner]` inputs.
 * @param rows - number of input rows (`M`).
 * @param inner - the reduced axis (`K`).
 * @param values - row-major `[inner, units]` int8 weights.
 * @param scales - one float32 scale per unit (output column).
 * @param zeroPoints - one int8 zero point per unit, or `undefined` (all 0, symmetric).
 * @param units - output channels (`N`).
 * @param bias - one value per unit, one number for every unit, or `undefined` (0).
 * @param out - optional `[rows, units]` destination (overwritten); a new array otherwise.
 * @returns `out`, row-major `[rows, units]`.
 *
 * @example
 * ```ts
 * import { quantizedDenseS8 } from '@qaxon/kernel-reference/impl';
 * const y = quantizedDenseS8(
 *   new Float32Array([1, 2]), 1, 2,
 *   new Int8Array([1, -2, 3, 4]), new Float32Array([0.5, 0.25]), undefined, 2,
 *   new Float32Array([1, -1]),
 * );
 * console.log([...y]); // [4.5, 0.5]
 * ```
 */
export function quantizedDenseS8(
  x: Float32Array,
  rows: number,
  inner: number,
  values: Int8Array,
  scales: Float32Array,
  zeroPoints: Int8Array | undefined,
  units: number,
  bias: Float32Array | number | undefined,
  out: Float32Array = new Float32Array(rows * units),
): Float32Array {
  const where = 'quantizedDenseS8';
  checkSizes(where, { rows, inner, units });
  checkBufferLength(where, 'x', x, rows * inner);
  checkBufferLength(where, 'values', values, inner * units);
  checkBufferLength(where, 'scales', scales, units);
  if (zeroPoints !== undefined) checkBufferLength(where, 'zeroPoints', zeroPoints, units);
  checkBufferLength(where, 'out', out, rows * units);
  const biasAt = biasReader(where, bias, units);
  const sums = new Float64Array(units);
  for (let m = 0; m < rows; m++) {
    sums.fill(0);
    for (let k = 0; k < inner; k++) {
      const xValue = x[m * inner + k]!;
      const valueRow = k * units;
      if (zeroPoints === undefined) {
        for (let n = 0; n < units; n++) sums[n] = sums[n]! + xValue * values[valueRow + n]!;
      } else {
        for (let n = 0; n < units; n++) sums[n] = sums[n]! + xValue * (values[valueRow + n]! - zeroPoints[n]!);
      }
    }
    for (let n = 0; n < units; n++) {
      const dot = Math.fround(sums[n]!);
      out[m * units + n] = Math.fround(scales[n]! * dot) + biasAt(n);
    }
  }
  return out;
}
