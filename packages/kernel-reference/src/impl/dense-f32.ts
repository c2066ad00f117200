import { biasReader, checkBufferLength, checkSizes } from './check-buffers.js';

/**
 * Float dense over typed arrays, the obviously-right way, with exactly Axon 0.8.1's two
 * float32 roundings (`Nx.dot`, then `Nx.add(bias)` on Nx's BinaryBackend):
 * `out[m][n] = f32(f32(Σ_k x[m][k] * kernel[k][n]) + f32(bias[n]))`, the sum in float64 (in
 * ascending `k`) rounded once, then the bias added and rounded again.
 *
 * @param x - row-major `[rows, inner]` inputs.
 * @param rows - number of input rows (`M`, every leading axis of `x` flattened).
 * @param inner - the reduced axis (`K`).
 * @param kernel - row-major `[inner, units]` weights.
 * @param units - output channels (`N`).
 * @param bias - one value per unit, one number for every unit, or `undefined` (0).
 * @param out - optional `[rows, units]` destination (overwritten); a new array otherwise.
 * @returns `out`, row-major `[rows, units]`.
 *
 * @example
 * ```ts
 * import { denseF32 } from '@qaxon/kernel-reference/impl';
 * const y = denseF32(new Float32Array([1, 2]), 1, 2, new Float32Array([1, -2, 3, 4]), 2, 0.5);
 * console.log([...y]); // [7.5, 6.5]
 * ```
 */
export function denseF32(
  x: Float32Array,
  rows: number,
  inner: number,
  kernel: Float32Array,
  units: number,
  bias: Float32Array | number | undefined,
  out: Float32Array = new Float32Array(rows * units),
): Float32Array {
  const where = 'denseF32';
  checkSizes(where, { rows, inner, units });
  checkBufferLength(where, 'x', x, rows * inner);
  checkBufferLength(where, 'kernel', kernel, inner * units);
  checkBufferLength(where, 'out', out, rows * units);
  const biasAt = biasReader(where, bias, units);
  // One float64 accumulator per output of the row; each still sums k = 0, 1, ... in order.
  const sums = new Float64Array(units);
  for (let m = 0; m < rows; m++) {
    sums.fill(0);
    for (let k = 0; k < inner; k++) {
      const xValue = x[m * inner + k]!;
      const kernelRow = k * units;
      for (let n = 0; n < units; n++) sums[n] = sums[n]! + xValue * kernel[kernelRow + n]!;
    }
    for (let n = 0; n < units; n++) out[m * units + n] = Math.fround(sums[n]!) + biasAt(n);
  }
  return out;
}
