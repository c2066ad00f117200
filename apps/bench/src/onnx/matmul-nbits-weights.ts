import type { OnnxWeight } from './bench-models.js';

/**
 * An int8 weight of the bench (`[k, n]` int8 values, one float32 scale per column).
 *
 * @example
 * ```ts
 * const weight: Int8Weight = { kind: 'int8', k: 2, n: 1, values: new Int8Array([1, 2]), scales: new Float32Array([0.5]) };
 * ```
 */
export type Int8Weight = Extract<OnnxWeight, { kind: 'int8' }>;

/**
 * A weight in the layout of ONNX Runtime's `com.microsoft` `MatMulNBits`: `codes` `[n,
 * blocks, blockSize * bits / 8]` (uint8; the codes of column `c` along k, `blockSize` per
 * block, packed low bits first, the last block padded with the zero point), `scales` `[n,
 * blocks]`, no zero-point input (ONNX Runtime then takes the midpoint: 8 for 4 bits, 128 for
 * 8), and `values`, the `[k, n]` float32 weights these codes stand for (`(code - zero
 * point) * scale`), from which the bench computes this graph's oracle.
 *
 * @example
 * ```ts
 * const packed: MatMulNBitsWeights = matmulNBitsWeights({ kind: 'int8', k: 2, n: 1, values: new Int8Array([1, 2]), scales: new Float32Array([0.5]) }, 8);
 * console.log(packed.blocks, packed.codes.length); // 1 32
 * ```
 */
export interface MatMulNBitsWeights {
  readonly bits: 4 | 8;
  readonly blockSize: number;
  readonly blocks: number;
  readonly codes: Uint8Array;
  readonly scales: Float32Array;
  readonly values: Float32Array;
}

/** The block size of transformers.js `q4` models and of this bench's `MatMulNBits` graphs. */
export const MATMUL_NBITS_BLOCK_SIZE = 32;

/**
 * Packs an int8 weight for `MatMulNBits` with `bits` bits per value, in blocks of
 * `blockSize` rows of k per column. With 8 bits the int8 values and column scales are kept
 * as they are (the same weights as qaxon's, code = value + 128). With 4 bits they are
 * quantized again, symmetric per block and column as qaxon's future `s4` will be (issue
 * #25): `scale = amax / 7.5` of the block's dequantized weights, `q = round(w / scale)`
 * (half away from zero) clipped to [-8, 7], code = q + 8 — so a 4-bit row computes a
 * coarser model, checked against the oracle of its own `values`.
 *
 * @example
 * ```ts
 * const packed = matmulNBitsWeights({ kind: 'int8', k: 2, n: 1, values: new Int8Array([-30, 60]), scales: new Float32Array([0.5]) }, 4);
 * console.log([...packed.values]); // [-16, 28] (scale 30 / 7.5 = 4; -15 / 4 rounds to -4, 30 / 4 rounds to 8, clipped to 7)
 * ```
 */
export function matmulNBitsWeights(weight: Int8Weight, bits: 4 | 8, blockSize = MATMUL_NBITS_BLOCK_SIZE): MatMulNBitsWeights {
  const { k, n } = weight;
  if (bits !== 4 && bits !== 8) throw new RangeError(`matmulNBitsWeights: expected 4 or 8 bits, got ${String(bits)}`);
  if (!Number.isSafeInteger(blockSize) || blockSize < 16 || (blockSize & (blockSize - 1)) !== 0) {
    throw new RangeError(`matmulNBitsWeights: expected a block size that is a power of two >= 16, got ${blockSize}`);
  }
  if (weight.values.length !== k * n || weight.scales.length !== n) {
    throw new RangeError(`matmulNBitsWeights: expected ${k * n} values and ${n} scales for a [${k}, ${n}] weight, got ${weight.values.length} and ${weight.scales.length}`);
  }
  const blocks = Math.ceil(k / blockSize);
  const blobSize = (blockSize * bits) / 8;
  const zeroPoint = 1 << (bits - 1);
  const codes = new Uint8Array(n * blocks * blobSize).fill(bits === 8 ? zeroPoint : zeroPoint * 17);
  const scales = new Float32Array(n * blocks);
  const values = new Float32Array(k * n);
  for (let column = 0; column < n; column++) {
    const columnScale = weight.scales[column]!;
    for (let block = 0; block < blocks; block++) {
      const first = block * blockSize;
      const end = Math.min(k, first + blockSize);
      let scale = columnScale;
      if (bits === 4) {
        let amax = 0;
        for (let row = first; row < end; row++) amax = Math.max(amax, Math.abs(weight.values[row * n + column]! * columnScale));
        scale = Math.fround(amax / 7.5);
      }
      scales[column * blocks + block] = scale;
      const blob = (column * blocks + block) * blobSize;
      for (let row = first; row < end; row++) {
        const q = bits === 8 ? weight.values[row * n + column]! : fourBitValue(weight.values[row * n + column]! * columnScale, scale);
        values[row * n + column] = q * scale;
        const offset = row - first;
        if (bits === 8) codes[blob + offset] = q + zeroPoint;
        else {
          const at = blob + (offset >> 1);
          codes[at] = offset % 2 === 0 ? (codes[at]! & 0xf0) | (q + zeroPoint) : (codes[at]! & 0x0f) | ((q + zeroPoint) << 4);
        }
      }
    }
  }
  return { bits, blockSize, blocks, codes, scales, values };
}

/** `w / scale` rounded half away from zero and clipped to [-8, 7]; 0 where the block is all zeros. */
function fourBitValue(w: number, scale: number): number {
  if (scale === 0) return 0;
  const scaled = w / scale;
  return Math.min(7, Math.max(-8, Math.sign(scaled) * Math.round(Math.abs(scaled))));
}
