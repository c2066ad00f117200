/**
 * gpu.js program for `quantizedDense` in `cpu` mode: the QTensor's own `Int8Array`,
 * scales and zero points are gpu.js constants read in place (no copy at all). Each thread
 * computes one output; the zero point is subtracted per term and the scale multiplies the
 * finished sum.
 *
 * Constants: `weights`, `zeroPoints`, `scales` (the QTensor's arrays), `units` (kernel
 * row length), `innerStart`, `unitStart` (the tile's corner), `inner` (rows in the tile),
 * `xStride` (K of the whole kernel), `xOffset` (= `innerStart`).
 *
 * @module
 */

/**
 * The gpu.js kernel source described in this module: the QTensor's `Int8Array` read in
 * place, one output per thread.
 *
 * @example
 * ```ts
 * import { QUANTIZED_DENSE_DIRECT_SOURCE, defaultGpuConstructor as GPU } from '@qaxon/kernel-gpu';
 * const kernel = new GPU({ mode: 'cpu' }).createKernel(QUANTIZED_DENSE_DIRECT_SOURCE, {
 *   output: [1, 1],
 *   constants: {
 *     weights: Int8Array.from([2, -3]), zeroPoints: new Int8Array(1), scales: Float32Array.from([0.5]),
 *     units: 1, innerStart: 0, unitStart: 0, inner: 2, xStride: 2, xOffset: 0,
 *   },
 * });
 * console.log(kernel(Float32Array.from([1, 1]))); // [Float32Array [-0.5]]
 * ```
 */
export const QUANTIZED_DENSE_DIRECT_SOURCE = `function quantizedDenseDirect(x) {
  const unit = this.constants.unitStart + this.thread.x;
  const xStart = this.thread.y * this.constants.xStride + this.constants.xOffset;
  const zero = this.constants.zeroPoints[unit];
  let sum = 0;
  for (let k = 0; k < this.constants.inner; k++) {
    sum += x[xStart + k] * (this.constants.weights[(this.constants.innerStart + k) * this.constants.units + unit] - zero);
  }
  return sum * this.constants.scales[unit];
}`;
