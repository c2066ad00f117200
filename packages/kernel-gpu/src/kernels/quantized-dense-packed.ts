/**
 * gpu.js program for `quantizedDense` on buffer modes (WebAssembly, WebGPU), whose arrays
 * are float32 words.
 *
 * The int8 weights of a tile are uploaded once, 3 per word: the biased bytes
 * `b = value + 128` of 3 consecutive columns of one kernel row form the integer
 * `b0 + 256 * b1 + 65536 * b2 < 2^24`, which float32 holds exactly (a weight costs 4/3
 * bytes, a third of a float kernel). Words are stored column group by column group
 * (`weights[group * inner + k]`), so each thread streams through contiguous memory; each
 * thread computes 3 adjacent outputs of one row of `x`, one load feeding 3 multiply-adds,
 * and the loop is unrolled 4 times (`inner` is padded to a multiple of 4 with words that
 * contribute exactly 0, and the group count to a multiple of 4 so that gpu.js's WebAssembly
 * SIMD path covers whole rows). Unpacking multiplies by exact powers of two and floors, so
 * it is exact on every backend; `offsets` holds `128 + zeroPoint` per column and the
 * column's scale multiplies the finished sum.
 *
 * A second version splits K like the GL program (`parts` partial sums of `chunk` rows, a
 * multiple of 4, each), so that a GEMV has enough threads for gpu.js's WebAssembly worker
 * pool; the first keeps every index an integer, which gpu.js's WebAssembly makes faster.
 *
 * Arguments: `x`, `parts`, `chunk`. Constants: `weights` (`groups * inner` words), `offsets`, `scales` (per tile column,
 * padded to `3 * groups`), `inner` (rows in the tile, a multiple of 4), `xStride` (the row
 * stride of `x`, K rounded up to a multiple of 4, zero-padded), `xOffset` (first kernel
 * row of the tile).
 *
 * @module
 */

/**
 * Writes the packed program: with `split`, thread row `y` sums part `y % parts` of K for
 * output row `y / parts`; without, each thread sums all of K (the arguments `parts` and
 * `chunk` are then unused, and the indices stay integers, which is faster).
 */
function packedSource(split: boolean): string {
  const head = split
    ? `  const row = Math.floor((this.thread.y + 0.5) / parts);
  const kStart = (this.thread.y - row * parts) * chunk;
  const xStart = row * this.constants.xStride + this.constants.xOffset + kStart;
  const wordStart = group * this.constants.inner + kStart;
`
    : `  const xStart = this.thread.y * this.constants.xStride + this.constants.xOffset;
  const wordStart = group * this.constants.inner;
`;
  const guardDeclaration = split ? `  const kEnd = Math.min(chunk, this.constants.inner - kStart);
` : '';
  const guard = split ? `    if (k >= kEnd) break;
` : '';
  return `function quantizedDensePacked(x, parts, chunk) {
  const group = this.thread.x;
${head}  const column = 3 * group;
  const offset0 = this.constants.offsets[column];
  const offset1 = this.constants.offsets[column + 1];
  const offset2 = this.constants.offsets[column + 2];
  let sum0 = 0;
  let sum1 = 0;
  let sum2 = 0;
${guardDeclaration}  for (let k = 0; k < this.constants.inner; k += 4) {
${guard}    const wordA = this.constants.weights[wordStart + k];
    const wordB = this.constants.weights[wordStart + k + 1];
    const wordC = this.constants.weights[wordStart + k + 2];
    const wordD = this.constants.weights[wordStart + k + 3];
    const highA = Math.floor(wordA * 0.0000152587890625);
    const highB = Math.floor(wordB * 0.0000152587890625);
    const highC = Math.floor(wordC * 0.0000152587890625);
    const highD = Math.floor(wordD * 0.0000152587890625);
    const restA = wordA - highA * 65536;
    const restB = wordB - highB * 65536;
    const restC = wordC - highC * 65536;
    const restD = wordD - highD * 65536;
    const middleA = Math.floor(restA * 0.00390625);
    const middleB = Math.floor(restB * 0.00390625);
    const middleC = Math.floor(restC * 0.00390625);
    const middleD = Math.floor(restD * 0.00390625);
    const lowA = restA - middleA * 256;
    const lowB = restB - middleB * 256;
    const lowC = restC - middleC * 256;
    const lowD = restD - middleD * 256;
    const xA = x[xStart + k];
    const xB = x[xStart + k + 1];
    const xC = x[xStart + k + 2];
    const xD = x[xStart + k + 3];
    sum0 += xA * (lowA - offset0) + xB * (lowB - offset0) + xC * (lowC - offset0) + xD * (lowD - offset0);
    sum1 += xA * (middleA - offset1) + xB * (middleB - offset1) + xC * (middleC - offset1) + xD * (middleD - offset1);
    sum2 += xA * (highA - offset2) + xB * (highB - offset2) + xC * (highC - offset2) + xD * (highD - offset2);
  }
  return [sum0 * this.constants.scales[column], sum1 * this.constants.scales[column + 1], sum2 * this.constants.scales[column + 2]];
}`;
}

/**
 * The gpu.js kernel source described in this module, each thread summing all of the
 * tile's K: int8 packed 3 per float32 word, 3 outputs per thread, `k` unrolled by 4.
 *
 * @example
 * ```ts
 * import { QUANTIZED_DENSE_PACKED_SOURCE, defaultGpuConstructor as GPU } from '@qaxon/kernel-gpu';
 * const kernel = new GPU({ mode: 'webasm' }).createKernel(QUANTIZED_DENSE_PACKED_SOURCE, {
 *   output: [4, 1], returnType: 'Array(3)',
 *   constants: { weights: new Float32Array(16), offsets: new Float32Array(12), scales: new Float32Array(12), inner: 4, xStride: 4, xOffset: 0 },
 * });
 * kernel(new Float32Array(4), 1, 4); // x, parts (unused), chunk (unused)
 * ```
 */
export const QUANTIZED_DENSE_PACKED_SOURCE = packedSource(false);

/**
 * {@link QUANTIZED_DENSE_PACKED_SOURCE} with K split into `parts` partial sums of `chunk`
 * rows (a multiple of 4): thread row `y` computes part `y % parts` of output row
 * `y / parts`. Used for single rows on the worker pool, where a GEMV needs more threads.
 *
 * @example
 * ```ts
 * import { QUANTIZED_DENSE_PACKED_SPLIT_SOURCE } from '@qaxon/kernel-gpu';
 * console.log(QUANTIZED_DENSE_PACKED_SPLIT_SOURCE.includes('kStart')); // true
 * ```
 */
export const QUANTIZED_DENSE_PACKED_SPLIT_SOURCE = packedSource(true);
