/**
 * gpu.js program for `quantizedDense` with s4 weights (4 bits, symmetric, one f32 scale
 * per group of input rows and output column), on every mode.
 *
 * The weights stay 4-bit: the packed bytes of one column (byte `j` holds rows `2j` in its
 * low nibble and `2j + 1` in its high one, two's complement) are grouped 3 to a float32
 * word, `b0 + 256 * b1 + 65536 * b2 < 2^24`, which float32 holds exactly (5.3 bits a
 * weight). Words are stored column by column (`weights[column * words + i]`). Each thread
 * computes one output (or, split, one part of its sum): it unpacks each word by exact
 * multiplications by powers of two and floors, and adds `(x[2j] · low + x[2j + 1] · high)
 * · scale[group of j]` in float32. Reads of `x` past `depth` (an odd `in`, the last
 * word's padding) are replaced by 0, so `x` needs no padding.
 *
 * Arguments: `x`, `parts`, `chunk` (words per part). Constants: `weights`, `scales`
 * (`[column * groups + group]`), `words` (per column), `depth` (`in`), `groupPairs`
 * (pairs of rows per group), `groups`, `xStride` (`in`).
 *
 * @module
 */

/** One packed byte `b` (pair `pair` of rows) of the word at offset `t`, added to `sum`. */
function pairTerm(byte: string, t: number): string {
  return `    const high${t} = Math.floor(${byte} * 0.0625);
    const low${t} = ${byte} - high${t} * 16;
    const k${t} = 2 * (pair + ${t});
    const x${t}a = k${t} < this.constants.depth ? x[xRow + k${t}] : 0;
    const x${t}b = k${t} + 1 < this.constants.depth ? x[xRow + k${t} + 1] : 0;
    const group${t} = Math.min(Math.floor((pair + ${t} + 0.5) / this.constants.groupPairs), this.constants.groups - 1);
    sum += (x${t}a * (low${t} - 16 * Math.floor(low${t} * 0.125)) + x${t}b * (high${t} - 16 * Math.floor(high${t} * 0.125))) * this.constants.scales[scaleStart + group${t}];
`;
}

/**
 * The gpu.js kernel source described in this module.
 *
 * @example
 * ```ts
 * import { QUANTIZED_DENSE_S4_SOURCE } from '@qaxon/kernel-gpu/internals';
 * console.log(QUANTIZED_DENSE_S4_SOURCE.startsWith('function quantizedDenseS4(x, parts, chunk)')); // true
 * ```
 */
export const QUANTIZED_DENSE_S4_SOURCE = `function quantizedDenseS4(x, parts, chunk) {
  const column = this.thread.x;
  const row = Math.floor((this.thread.y + 0.5) / parts);
  const wordStart = (this.thread.y - row * parts) * chunk;
  const wordEnd = Math.min(chunk, this.constants.words - wordStart);
  const xRow = row * this.constants.xStride;
  const scaleStart = column * this.constants.groups;
  const columnStart = column * this.constants.words + wordStart;
  let sum = 0;
  for (let i = 0; i < this.constants.words; i++) {
    if (i >= wordEnd) break;
    const word = this.constants.weights[columnStart + i];
    const pair = 3 * (wordStart + i);
    const byte2 = Math.floor(word * 0.0000152587890625);
    const rest = word - byte2 * 65536;
    const byte1 = Math.floor(rest * 0.00390625);
    const byte0 = rest - byte1 * 256;
${pairTerm('byte0', 0)}${pairTerm('byte1', 1)}${pairTerm('byte2', 2)}  }
  return sum;
}`;

/**
 * The s4 weights of columns `unitStart .. unitEnd - 1` as the program reads them: `words`
 * per column (`ceil(ceil(depth / 2) / 3)`), from packed bytes `[ceil(depth / 2), units]`.
 *
 * @example
 * ```ts
 * import { packS4Words } from '@qaxon/kernel-gpu/internals';
 * // One column, rows [1, -2, 3]: bytes 0xE1 and 0x03 -> one word 0xE1 + 256 * 0x03.
 * console.log([...packS4Words(Int8Array.from([-31, 3]), 3, 1, 0, 1)]); // [993]
 * ```
 */
export function packS4Words(packed: Int8Array, depth: number, units: number, unitStart: number, unitEnd: number): Float32Array {
  const pairs = (depth + 1) >> 1;
  const words = Math.ceil(pairs / 3);
  const out = new Float32Array((unitEnd - unitStart) * words);
  for (let n = unitStart; n < unitEnd; n++) {
    const base = (n - unitStart) * words;
    for (let j = 0; j < pairs; j++) out[base + Math.floor(j / 3)]! += (packed[j * units + n]! & 0xff) * 256 ** (j % 3);
  }
  return out;
}
