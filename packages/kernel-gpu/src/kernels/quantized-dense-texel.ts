/**
 * gpu.js program for `quantizedDense` on GL modes (WebGL2, WebGL, headless-gl).
 *
 * The int8 weights of a tile are uploaded once as an RGBA8 texture holding 4 consecutive
 * columns of one kernel row per texel: a weight costs 1 byte of device memory. Each thread
 * computes 4 adjacent outputs of one row of `x`, so one texture fetch feeds 4
 * multiply-adds. A channel reads as `byte / 255`; `floor(c * 255 + 0.5)` recovers the byte
 * exactly and bytes above 127 are two's-complement negatives. The zero point is subtracted
 * per term and the column's scale multiplies the finished sum.
 *
 * gpu.js uploads image-like constants with `UNPACK_FLIP_Y_WEBGL`, so texture row
 * `rowBase + rowStep * k` holds kernel row `k` (`rowBase = rows - 1, rowStep = -1` when
 * flipped; the backend's self-test checks which orientation the platform uses).
 *
 * Split K: thread row `y` computes part `y % parts` of output row `y / parts`, summing
 * kernel rows `[part * chunk, part * chunk + chunk)`; the host adds the parts. A GEMV has
 * few outputs, so splitting its long sums is what gives a GPU enough threads.
 *
 * Arguments: `x` (rows of `xStride` floats), `parts`, `chunk`. Constants: `weights` (the
 * image), `zeroPoints`, `scales` (per tile column, padded to a multiple of 4), `inner`
 * (rows in the tile), `rowBase`, `rowStep`, `xStride` (K of the whole kernel), `xOffset`
 * (first kernel row of the tile).
 *
 * @module
 */

/**
 * The gpu.js kernel source described in this module: int8 read 4 per RGBA8 texel, 4 outputs
 * per thread, K split into `parts` of `chunk` rows.
 *
 * @example
 * ```ts
 * import { QUANTIZED_DENSE_TEXEL_SOURCE } from '@qaxon/kernel-gpu';
 * console.log(QUANTIZED_DENSE_TEXEL_SOURCE.startsWith('function quantizedDenseTexel(x, parts, chunk)')); // true
 * ```
 */
export const QUANTIZED_DENSE_TEXEL_SOURCE = `function quantizedDenseTexel(x, parts, chunk) {
  const group = this.thread.x;
  const row = Math.floor((this.thread.y + 0.5) / parts);
  const kStart = (this.thread.y - row * parts) * chunk;
  const xStart = row * this.constants.xStride + this.constants.xOffset + kStart;
  const rowStart = this.constants.rowBase + this.constants.rowStep * kStart;
  const column = 4 * group;
  const zero0 = this.constants.zeroPoints[column];
  const zero1 = this.constants.zeroPoints[column + 1];
  const zero2 = this.constants.zeroPoints[column + 2];
  const zero3 = this.constants.zeroPoints[column + 3];
  let sum0 = 0;
  let sum1 = 0;
  let sum2 = 0;
  let sum3 = 0;
  const kEnd = Math.min(chunk, this.constants.inner - kStart);
  for (let k = 0; k < this.constants.inner; k++) {
    if (k >= kEnd) break;
    const texel = this.constants.weights[rowStart + this.constants.rowStep * k][group];
    const xk = x[xStart + k];
    const byte0 = Math.floor(texel[0] * 255 + 0.5);
    const byte1 = Math.floor(texel[1] * 255 + 0.5);
    const byte2 = Math.floor(texel[2] * 255 + 0.5);
    const byte3 = Math.floor(texel[3] * 255 + 0.5);
    sum0 += xk * ((byte0 > 127 ? byte0 - 256 : byte0) - zero0);
    sum1 += xk * ((byte1 > 127 ? byte1 - 256 : byte1) - zero1);
    sum2 += xk * ((byte2 > 127 ? byte2 - 256 : byte2) - zero2);
    sum3 += xk * ((byte3 > 127 ? byte3 - 256 : byte3) - zero3);
  }
  return [
    sum0 * this.constants.scales[column],
    sum1 * this.constants.scales[column + 1],
    sum2 * this.constants.scales[column + 2],
    sum3 * this.constants.scales[column + 3],
  ];
}`;
