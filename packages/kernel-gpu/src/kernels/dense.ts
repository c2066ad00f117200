/**
 * gpu.js program for float `dense` on every mode: each thread computes one output
 * `Σ_k x[row][k] * weights[k][unit]`, accumulating in float32. The weights of a tile are a
 * gpu.js constant, uploaded once (a float texture on GL modes, a float32 buffer on
 * WebAssembly/WebGPU, the tensor's own array in `cpu` mode).
 *
 * Constants: `weights`, `weightStride` (row length of `weights`), `weightOffset` (index of
 * the tile's first weight in `weights`), `inner` (rows in the tile), `xStride` (K of the
 * whole kernel), `xOffset` (first kernel row of the tile).
 *
 * @module
 */
export const DENSE_SOURCE = `function denseF32(x) {
  const unit = this.thread.x;
  const xStart = this.thread.y * this.constants.xStride + this.constants.xOffset;
  let sum = 0;
  for (let k = 0; k < this.constants.inner; k++) {
    sum += x[xStart + k] * this.constants.weights[this.constants.weightOffset + k * this.constants.weightStride + unit];
  }
  return sum;
}`;
