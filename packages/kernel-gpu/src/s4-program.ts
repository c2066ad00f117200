import type { QTensor } from '@qaxon/tensor';
import { floatBufferBytes, glFloatArrayBytes } from './device-bytes.js';
import type { KernelProgram } from './kernel-program-types.js';
import { packS4Words, QUANTIZED_DENSE_S4_SOURCE } from './kernels/quantized-dense-s4.js';

/**
 * Pairs of input rows per group of scales of an s4 kernel the gpu.js program runs, or a
 * reason it cannot: 4 bits, scales along axis 1, symmetric, groups of an even size (a byte
 * never straddles two groups) or a single group.
 *
 * @example
 * ```text
 * s4GroupPairs(QTensor.fromTensor(w, { bits: 4, groupSize: 32 })); // 16
 * ```
 */
export function s4GroupPairs(q: QTensor): number | string {
  const { bits, axis, groupSize, symmetric } = q.quantization;
  const depth = q.shape[0] ?? 0;
  if (bits !== 4 || (axis !== 1 && axis !== -1) || !symmetric || q.shape.length !== 2) {
    return `the gpu.js s4 program takes symmetric 4-bit weights [in, units] with scales along axis 1, got ${bits} bits along axis ${axis}${symmetric ? '' : ' with zero points'}`;
  }
  if (groupSize === undefined || groupSize >= depth) return Math.max(1, (depth + 1) >> 1);
  return groupSize % 2 === 0 ? groupSize / 2 : `the gpu.js s4 program takes groups of an even size (a byte holds two rows), got ${groupSize}`;
}

/**
 * The program of s4 `quantizedDense` on every mode (see `kernels/quantized-dense-s4.ts`),
 * for groups of `groupPairs` pairs of rows. Its one tile is the whole kernel.
 *
 * @example
 * ```text
 * const program = s4Program(16, 'gl');
 * ```
 */
export function s4Program(groupPairs: number, family: 'gl' | 'buffer' | 'host'): KernelProgram {
  return {
    layout: 'packed',
    source: QUANTIZED_DENSE_S4_SOURCE,
    returnType: 'Number',
    unitsPerGroup: 1,
    innerAlign: 1,
    splitsInner: true,
    constraints: () => ({ unitsPerGroup: 1, maxGroups: Number.POSITIVE_INFINITY, maxInner: Number.POSITIVE_INFINITY, maxTileElements: Number.POSITIVE_INFINITY }),
    upload(weights, tile) {
      const q = weights as QTensor;
      const [depth, units] = q.shape as [number, number];
      const pairs = (depth + 1) >> 1;
      const groups = Math.max(1, Math.ceil(pairs / groupPairs));
      const words = Math.ceil(pairs / 3);
      const data = packS4Words(packedS4Bytes(q), depth, units, tile.unitStart, tile.unitEnd);
      const columns = tile.unitEnd - tile.unitStart;
      const scales = new Float32Array(columns * groups);
      for (let n = 0; n < columns; n++) {
        for (let g = 0; g < groups; g++) scales[n * groups + g] = q.scale.data[g * units + tile.unitStart + n]!;
      }
      const constants = { weights: data, scales, words, depth, groupPairs, groups, xStride: depth };
      const bytes = family === 'gl' ? glFloatArrayBytes(data.length) + glFloatArrayBytes(scales.length) : floatBufferBytes(data.length + scales.length);
      return { tile, groups: columns, constants, innerLength: words, weightBytes: bytes };
    },
  };
}

/** The QTensor's 4-bit values as packed bytes `[ceil(in / 2), units]`: its own when it stores them packed, else packed here (a 4-bit copy). */
function packedS4Bytes(q: QTensor): Int8Array {
  const [depth, units] = q.shape as [number, number];
  const values = q.value.data;
  if ((q.quantization as { packed?: string }).packed === 'int4-pairs-along-axis-0') return values;
  const packed = new Int8Array(((depth + 1) >> 1) * units);
  for (let k = 0; k < depth; k++) {
    for (let n = 0; n < units; n++) packed[(k >> 1) * units + n] = packed[(k >> 1) * units + n]! | ((values[k * units + n]! & 0xf) << ((k & 1) << 2));
  }
  return packed;
}
