/**
 * gpu.js program for `quantizedDense` on buffer modes (WebAssembly, WebGPU), whose arrays
 * are float32 words.
 *
 * The int8 weights of a tile are uploaded once, 3 per word: the biased bytes
 * `b = value + 128` of 3 consecutive columns of one kernel row form the integer
 * `b0 + 256 * b1 + 65536 * b2 < 2^24`, which float32 holds exactly (a weight costs 4/3
 * bytes, a third of a float kernel). Each thread computes 3 adjacent outputs of one row of
 * `x`: one load feeds 3 multiply-adds. Unpacking multiplies by exact powers of two and
 * floors, so it is exact on every backend; `offsets` holds `128 + zeroPoint` per column and
 * the column's scale multiplies the finished sum.
 *
 * Constants: `weights` (`inner * groups` words), `offsets`, `scales` (per tile column,
 * padded to a multiple of 3), `inner` (rows in the tile), `groups` (words per kernel row),
 * `xStride` (K of the whole kernel), `xOffset` (first kernel row of the tile).
 *
 * @module
 */
export const QUANTIZED_DENSE_PACKED_SOURCE = `function quantizedDensePacked(x) {
  const group = this.thread.x;
  const xStart = this.thread.y * this.constants.xStride + this.constants.xOffset;
  const column = 3 * group;
  const offset0 = this.constants.offsets[column];
  const offset1 = this.constants.offsets[column + 1];
  const offset2 = this.constants.offsets[column + 2];
  let sum0 = 0;
  let sum1 = 0;
  let sum2 = 0;
  for (let k = 0; k < this.constants.inner; k++) {
    const word = this.constants.weights[k * this.constants.groups + group];
    const high = Math.floor(word * 0.0000152587890625);
    const rest = word - high * 65536;
    const middle = Math.floor(rest * 0.00390625);
    const low = rest - middle * 256;
    const xk = x[xStart + k];
    sum0 += xk * (low - offset0);
    sum1 += xk * (middle - offset1);
    sum2 += xk * (high - offset2);
  }
  return [sum0 * this.constants.scales[column], sum1 * this.constants.scales[column + 1], sum2 * this.constants.scales[column + 2]];
}`;
