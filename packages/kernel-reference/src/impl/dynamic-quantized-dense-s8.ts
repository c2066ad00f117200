import { biasReader, checkBufferLength, checkSizes } from './check-buffers.js';
import { quantizeRowsS8 } from '@qaxon/tensor';

/**
 * W8A8 dense over typed arrays, the oracle of `dynamicQuantizedDense`: each row of `x`
 * quantized by {@link quantizeRowsS8}, then per output
 * `acc = Σ_k xq[k] · (values[k][n] - zeroPoints[n])` exactly (integers, far below 2^53),
 * and `out[m][n] = f32(f32(f32(f32(acc) · rowScale[m]) · scales[n]) + bias[n])`.
 *
 * @param x - row-major `[rows, inner]` inputs.
 * @param rows - number of input rows (`M`).
 * @param inner - the reduced axis (`K`).
 * @param values - row-major `[inner, units]` int8 weights.
 * @param scales - one float32 scale per unit.
 * @param zeroPoints - one int8 zero point per unit, or `undefined` (all 0).
 * @param units - output channels (`N`).
 * @param bias - one value per unit, one number for every unit, or `undefined` (0).
 * @returns row-major `[rows, units]`.
 *
 * @example
 * ```ts
 * import { dynamicQuantizedDenseS8 } from '@qaxon/kernel-reference/impl';
 * const y = dynamicQuantizedDenseS8(new Float32Array([1, 2]), 1, 2, new Int8Array([1, -2, 3, 4]), new Float32Array([0.5, 0.25]), undefined, 2, undefined);
 * console.log([...y]); // [3.5, 1.5]
 * ```
 */
export function dynamicQuantizedDenseS8(
  x: Float32Array,
  rows: number,
  inner: number,
  values: Int8Array,
  scales: Float32Array,
  zeroPoints: Int8Array | undefined,
  units: number,
  bias: Float32Array | number | undefined,
): Float32Array {
  const where = 'dynamicQuantizedDenseS8';
  checkSizes(where, { rows, inner, units });
  checkBufferLength(where, 'values', values, inner * units);
  checkBufferLength(where, 'scales', scales, units);
  if (zeroPoints !== undefined) checkBufferLength(where, 'zeroPoints', zeroPoints, units);
  const biasAt = biasReader(where, bias, units);
  const { values: xq, rowScales } = quantizeRowsS8(x, rows, inner);
  const out = new Float32Array(rows * units);
  const sums = new Float64Array(units);
  for (let m = 0; m < rows; m++) {
    sums.fill(0);
    for (let k = 0; k < inner; k++) {
      const xValue = xq[m * inner + k]!;
      if (xValue === 0) continue;
      const valueRow = k * units;
      for (let n = 0; n < units; n++) sums[n] = sums[n]! + xValue * (values[valueRow + n]! - (zeroPoints?.[n] ?? 0));
    }
    const rowScale = rowScales[m]!;
    for (let n = 0; n < units; n++) {
      out[m * units + n] = Math.fround(Math.fround(Math.fround(sums[n]!) * rowScale) * scales[n]!) + biasAt(n);
    }
  }
  return out;
}
