import { QTensor, Tensor } from '@qaxon/tensor';
import { MATMUL_NBITS_BLOCK_SIZE, matmulNBitsWeights, type Int8Weight } from '../onnx/matmul-nbits-weights.js';

/**
 * qaxon's s4 form of an int8 weight of the bench: the 4-bit values and block scales of
 * onnxruntime-web's `q4` graph (`matmulNBitsWeights(weight, 4)`: symmetric per block of
 * 32 rows and column, `scale = amax / 7.5`), as a `QTensor` with `bits: 4, groupSize:
 * 32` — the same weights, so both rows are checked against one oracle.
 *
 * @example
 * ```ts
 * const q = s4Kernel({ kind: 'int8', k: 2, n: 1, values: new Int8Array([-30, 60]), scales: new Float32Array([0.5]) });
 * console.log(q.quantization.bits, q.scale.data[0]); // 4 4
 * ```
 */
export function s4Kernel(weight: Int8Weight): QTensor {
  const { k, n } = weight;
  const { codes, scales, blocks } = matmulNBitsWeights(weight, 4, MATMUL_NBITS_BLOCK_SIZE);
  const blob = MATMUL_NBITS_BLOCK_SIZE / 2;
  const values = new Int8Array(k * n);
  const blockScales = new Float32Array(blocks * n);
  for (let column = 0; column < n; column++) {
    for (let block = 0; block < blocks; block++) {
      blockScales[block * n + column] = scales[column * blocks + block]!;
      const first = block * MATMUL_NBITS_BLOCK_SIZE;
      const end = Math.min(k, first + MATMUL_NBITS_BLOCK_SIZE);
      for (let row = first; row < end; row++) {
        const offset = row - first;
        const code = codes[(column * blocks + block) * blob + (offset >> 1)]!;
        values[row * n + column] = ((offset & 1) === 0 ? code & 0xf : code >> 4) - 8;
      }
    }
  }
  return new QTensor(new Tensor(values, [k, n], 's8'), new Tensor(blockScales, [blocks, n], 'f32'), undefined, { bits: 4, groupSize: MATMUL_NBITS_BLOCK_SIZE });
}
