/**
 * gpu.js programs for float `dense`: each thread computes one output
 * `Σ_k x[row][k] * weights[k][unit]`, accumulating in float32. The weights of a tile are a
 * gpu.js constant, uploaded once.
 *
 * @module
 */

/**
 * Float `dense` on GL modes and in `cpu` mode: the weights are row-major (a float texture on
 * GL, the tensor's own array in `cpu` mode). K is split like the int8 GL program's: thread
 * row `y` sums kernel rows `[part * chunk, part * chunk + chunk)` of output row
 * `y / parts`, `part = y % parts`.
 *
 * Arguments: `x`, `parts`, `chunk`. Constants: `weights`, `weightStride` (row length of `weights`), `weightOffset` (index of
 * the tile's first weight in `weights`), `inner` (rows in the tile), `xStride` (K of the
 * whole kernel), `xOffset` (first kernel row of the tile).
 *
 * @example
 * ```ts
 * import { DENSE_SOURCE, defaultGpuConstructor as GPU } from '@qaxon/kernel-gpu';
 * const kernel = new GPU({ mode: 'cpu' }).createKernel(DENSE_SOURCE, {
 *   output: [2, 1],
 *   constants: { weights: Float32Array.from([1, 2, 3, 4]), weightStride: 2, weightOffset: 0, inner: 2, xStride: 2, xOffset: 0 },
 * });
 * console.log(kernel(Float32Array.from([1, 1]), 1, 2)); // [Float32Array [4, 6]]
 * ```
 */
export const DENSE_SOURCE = `function denseF32(x, parts, chunk) {
  const unit = this.thread.x;
  const row = Math.floor((this.thread.y + 0.5) / parts);
  const kStart = (this.thread.y - row * parts) * chunk;
  const xStart = row * this.constants.xStride + this.constants.xOffset + kStart;
  const weightStart = this.constants.weightOffset + kStart * this.constants.weightStride + unit;
  let sum = 0;
  const kEnd = Math.min(chunk, this.constants.inner - kStart);
  for (let k = 0; k < this.constants.inner; k++) {
    if (k >= kEnd) break;
    sum += x[xStart + k] * this.constants.weights[weightStart + k * this.constants.weightStride];
  }
  return sum;
}`;

function denseColumnsSource(split: boolean): string {
  const head = split
    ? `  const row = Math.floor((this.thread.y + 0.5) / parts);
  const kStart = (this.thread.y - row * parts) * chunk;
  const weightStart = this.thread.x * this.constants.inner + kStart;
  const xStart = row * this.constants.xStride + this.constants.xOffset + kStart;
  const kEnd = Math.min(chunk, this.constants.inner - kStart);
`
    : `  const weightStart = this.thread.x * this.constants.inner;
  const xStart = this.thread.y * this.constants.xStride + this.constants.xOffset;
`;
  const guard = split ? '    if (k >= kEnd) break;\n' : '';
  return `function denseF32Columns(x, parts, chunk) {
${head}  let sum = 0;
  for (let k = 0; k < this.constants.inner; k += 4) {
${guard}    sum += x[xStart + k] * this.constants.weights[weightStart + k]
      + x[xStart + k + 1] * this.constants.weights[weightStart + k + 1]
      + x[xStart + k + 2] * this.constants.weights[weightStart + k + 2]
      + x[xStart + k + 3] * this.constants.weights[weightStart + k + 3];
  }
  return sum;
}`;
}

/**
 * Float `dense` on buffer modes (WebAssembly, WebGPU), shaped like the int8 program there so
 * the two compare fairly: the weights are stored column by column (`weights[unit * inner + k]`,
 * each thread streaming contiguous memory), `inner` is padded to a multiple of 4 with zero
 * weights and the loop unrolled 4 times.
 *
 * Arguments: `x`, `parts`, `chunk` (unused here; see {@link DENSE_COLUMNS_SPLIT_SOURCE}). Constants: `weights`
 * (`units * inner` floats, the tile transposed), `inner` (rows in the
 * tile, a multiple of 4), `xStride` (the row stride of `x`, K rounded up to a multiple of 4,
 * zero-padded), `xOffset` (first kernel row of the tile).
 *
 * @example
 * ```ts
 * import { DENSE_COLUMNS_SOURCE, defaultGpuConstructor as GPU } from '@qaxon/kernel-gpu';
 * const kernel = new GPU({ mode: 'webasm' }).createKernel(DENSE_COLUMNS_SOURCE, {
 *   output: [1, 1],
 *   constants: { weights: Float32Array.from([1, 2, 3, 4]), inner: 4, xStride: 4, xOffset: 0 },
 * });
 * console.log(kernel(Float32Array.from([1, 1, 1, 1]), 1, 4)); // [Float32Array [10]]
 * ```
 */
export const DENSE_COLUMNS_SOURCE = denseColumnsSource(false);

/**
 * {@link DENSE_COLUMNS_SOURCE} with K split into `parts` partial sums of `chunk` rows, as
 * `QUANTIZED_DENSE_PACKED_SPLIT_SOURCE`.
 *
 * @example
 * ```ts
 * import { DENSE_COLUMNS_SPLIT_SOURCE } from '@qaxon/kernel-gpu';
 * console.log(DENSE_COLUMNS_SPLIT_SOURCE.includes('kStart')); // true
 * ```
 */
export const DENSE_COLUMNS_SPLIT_SOURCE = denseColumnsSource(true);
