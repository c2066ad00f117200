import type { QTensor } from '@qaxon/tensor';
import { alignUp } from './align-up.js';
import { floatBufferBytes, glFloatArrayBytes } from './device-bytes.js';
import type { KernelProgram, TileUpload } from './kernel-program-types.js';
import { QUANTIZED_DENSE_DIRECT_SOURCE } from './kernels/quantized-dense-direct.js';
import { QUANTIZED_DENSE_PACKED_SOURCE, QUANTIZED_DENSE_PACKED_SPLIT_SOURCE } from './kernels/quantized-dense-packed.js';
import { QUANTIZED_DENSE_TEXEL_SOURCE } from './kernels/quantized-dense-texel.js';
import { columnConstants, packTexelImage, packWords24, words24Size, writeWords24Rows } from './packing.js';
import type { KernelTile } from './tiling.js';
import { untouchedZeros } from './untouched-zeros.js';

/** Int8 `quantizedDense` on GL modes: weights as RGBA8 texels, 4 per texel (`QUANTIZED_DENSE_TEXEL_SOURCE`). */
export const TEXEL_PROGRAM: KernelProgram = {
  layout: 'texel',
  source: QUANTIZED_DENSE_TEXEL_SOURCE,
  returnType: 'Array(4)',
  unitsPerGroup: 4,
  innerAlign: 1,
  splitsInner: true,
  constraints: (limits) => ({
    unitsPerGroup: 4,
    maxGroups: limits.maxTextureSize,
    maxInner: limits.maxTextureSize,
    maxTileElements: limits.maxTileElements,
  }),
  upload(weights, tile, rowOrder) {
    const q = weights as QTensor;
    const [inner, units] = q.value.shape as [number, number];
    const rows = tile.innerEnd - tile.innerStart;
    const image = packTexelImage(q.value.data, units, tile);
    const padded = image.width * 4;
    const constants = {
      weights: image,
      zeroPoints: columnConstants(q.zeroPoint.data, tile.unitStart, tile.unitEnd, padded, 0),
      scales: columnConstants(q.scale.data, tile.unitStart, tile.unitEnd, padded, 0),
      inner: rows,
      rowBase: rowOrder === 'flipped' ? rows - 1 : 0,
      rowStep: rowOrder === 'flipped' ? -1 : 1,
      xStride: inner,
      xOffset: tile.innerStart,
    };
    const weightBytes = image.width * image.height * 4 + 2 * glFloatArrayBytes(padded);
    return { tile, groups: image.width, constants, innerLength: rows, weightBytes };
  },
};

/** Int8 `quantizedDense` on WebAssembly/WebGPU: weights 3 per float32 word (`QUANTIZED_DENSE_PACKED_SOURCE`), streamable row block by row block. */
export const PACKED_PROGRAM: KernelProgram = {
  layout: 'packed',
  source: QUANTIZED_DENSE_PACKED_SOURCE,
  splitSource: QUANTIZED_DENSE_PACKED_SPLIT_SOURCE,
  returnType: 'Array(3)',
  unitsPerGroup: 3,
  innerAlign: 4,
  splitsInner: true,
  constraints: (limits) => ({
    unitsPerGroup: 3,
    maxGroups: Number.POSITIVE_INFINITY,
    maxInner: Number.POSITIVE_INFINITY,
    maxTileElements: limits.maxTileElements,
    innerAlign: 4,
  }),
  upload(weights, tile) {
    const q = weights as QTensor;
    const [inner, units] = q.value.shape as [number, number];
    return packedUpload(q, inner, tile, packWords24(q.value.data, q.zeroPoint.data, units, tile));
  },
  emptyUpload(inner, _units, tile, q, zeros = (length) => untouchedZeros(Float32Array, length)) {
    const { groups, innerPadded } = words24Size(tile);
    return packedUpload(q!, inner, tile, { words: zeros(groups * innerPadded), groups, innerPadded });
  },
  writeRows(target, upload, block, first, count, units, q) {
    const { tile, groups, innerLength } = upload;
    const from = Math.max(first, tile.innerStart) - tile.innerStart;
    const to = Math.min(first + count, tile.innerEnd) - tile.innerStart;
    const valueAt = (row: number, unit: number): number => block[(row - first) * units + unit]!;
    if (from < to) writeWords24Rows(target, valueAt, q!.zeroPoint.data, tile, groups, innerLength, from, to);
    // The padding rows after the tile's last row, once that row is written.
    if (first + count >= tile.innerEnd && first < tile.innerEnd) {
      writeWords24Rows(target, valueAt, q!.zeroPoint.data, tile, groups, innerLength, tile.innerEnd - tile.innerStart, innerLength);
    }
  },
};

function packedUpload(q: QTensor, inner: number, tile: KernelTile, { words, groups, innerPadded }: { words: Float32Array; groups: number; innerPadded: number }): TileUpload {
  const constants = {
    weights: words,
    offsets: columnConstants(q.zeroPoint.data, tile.unitStart, tile.unitEnd, 3 * groups, 128, (zero) => 128 + zero),
    scales: columnConstants(q.scale.data, tile.unitStart, tile.unitEnd, 3 * groups, 0),
    inner: innerPadded,
    xStride: alignUp(inner, 4),
    xOffset: tile.innerStart,
  };
  return { tile, groups, constants, innerLength: innerPadded, weightBytes: floatBufferBytes(words.length + 6 * groups) };
}

/** Int8 `quantizedDense` in `cpu` mode: the QTensor's own arrays, read in place (`QUANTIZED_DENSE_DIRECT_SOURCE`). */
export const DIRECT_PROGRAM: KernelProgram = {
  layout: 'direct',
  source: QUANTIZED_DENSE_DIRECT_SOURCE,
  returnType: 'Number',
  unitsPerGroup: 1,
  innerAlign: 1,
  splitsInner: false,
  constraints: (limits) => ({
    unitsPerGroup: 1,
    maxGroups: Number.POSITIVE_INFINITY,
    maxInner: Number.POSITIVE_INFINITY,
    maxTileElements: limits.maxTileElements,
  }),
  upload(weights, tile) {
    const q = weights as QTensor;
    const [inner, units] = q.value.shape as [number, number];
    const constants = {
      weights: q.value.data,
      zeroPoints: q.zeroPoint.data,
      scales: q.scale.data,
      units,
      innerStart: tile.innerStart,
      unitStart: tile.unitStart,
      inner: tile.innerEnd - tile.innerStart,
      xStride: inner,
      xOffset: tile.innerStart,
    };
    return { tile, groups: tile.unitEnd - tile.unitStart, constants, innerLength: tile.innerEnd - tile.innerStart, weightBytes: 0 };
  },
};
