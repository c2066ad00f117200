import type { Tensor } from '@qaxon/tensor';
import { alignUp } from './align-up.js';
import { floatBufferBytes, glFloatArrayBytes } from './device-bytes.js';
import type { KernelProgram, TileUpload } from './kernel-program-types.js';
import { DENSE_COLUMNS_SOURCE, DENSE_COLUMNS_SPLIT_SOURCE, DENSE_SOURCE } from './kernels/dense.js';
import { denseTileColumns, denseTileWeights, writeColumnsRows } from './packing.js';
import type { KernelTile } from './tiling.js';
import { untouchedZeros } from './untouched-zeros.js';

/**
 * The program of float `dense` on a family of modes: on buffer modes the weights packed
 * column by column ({@link DENSE_COLUMNS_PROGRAM}); on GL modes a float32 copy of the tile;
 * on the host the weight's own array, read in place.
 */
export function denseProgram(family: 'gl' | 'buffer' | 'host'): KernelProgram {
  if (family === 'buffer') return DENSE_COLUMNS_PROGRAM;
  return {
    layout: 'float',
    source: DENSE_SOURCE,
    returnType: 'Number',
    unitsPerGroup: 1,
    innerAlign: 1,
    splitsInner: true,
    constraints: (limits) => ({
      unitsPerGroup: 1,
      maxGroups: family === 'gl' ? limits.maxTextureSize : Number.POSITIVE_INFINITY,
      maxInner: Number.POSITIVE_INFINITY,
      maxTileElements: limits.maxTileElements,
    }),
    upload(weights, tile) {
      const w = weights as Tensor<'f32'>;
      const [inner, units] = w.shape as [number, number];
      const columns = tile.unitEnd - tile.unitStart;
      const inPlace = family === 'host';
      const data = inPlace ? w.data : denseTileWeights(w.data, units, tile);
      const constants = {
        weights: data,
        weightStride: inPlace ? units : columns,
        weightOffset: inPlace ? tile.innerStart * units + tile.unitStart : 0,
        inner: tile.innerEnd - tile.innerStart,
        xStride: inner,
        xOffset: tile.innerStart,
      };
      return { tile, groups: columns, constants, innerLength: tile.innerEnd - tile.innerStart, weightBytes: inPlace ? 0 : glFloatArrayBytes(data.length) };
    },
  };
}

/** Float `dense` on WebAssembly/WebGPU: weights packed column by column (`DENSE_COLUMNS_SOURCE`), streamable row block by row block. */
const DENSE_COLUMNS_PROGRAM: KernelProgram = {
  layout: 'float',
  source: DENSE_COLUMNS_SOURCE,
  splitSource: DENSE_COLUMNS_SPLIT_SOURCE,
  returnType: 'Number',
  unitsPerGroup: 1,
  innerAlign: 4,
  splitsInner: true,
  constraints: (limits) => ({
    unitsPerGroup: 1,
    maxGroups: Number.POSITIVE_INFINITY,
    maxInner: Number.POSITIVE_INFINITY,
    maxTileElements: limits.maxTileElements,
    innerAlign: 4,
  }),
  upload(weights, tile) {
    const w = weights as Tensor<'f32'>;
    const [inner, units] = w.shape as [number, number];
    return columnsUpload(inner, tile, denseTileColumns(w.data, units, tile));
  },
  emptyUpload(inner, _units, tile, _q, zeros = (length) => untouchedZeros(Float32Array, length)) {
    const groups = alignUp(tile.unitEnd - tile.unitStart, 4);
    const innerPadded = alignUp(tile.innerEnd - tile.innerStart, 4);
    return columnsUpload(inner, tile, { columns: zeros(groups * innerPadded), groups, innerPadded });
  },
  writeRows(target, upload, block, first, count, units) {
    writeColumnsRows(target, block as Float32Array, first, count, units, upload.tile, upload.innerLength);
  },
};

function columnsUpload(inner: number, tile: KernelTile, { columns, groups, innerPadded }: { columns: Float32Array; groups: number; innerPadded: number }): TileUpload {
  const constants = { weights: columns, inner: innerPadded, xStride: alignUp(inner, 4), xOffset: tile.innerStart };
  return { tile, groups, constants, innerLength: innerPadded, weightBytes: floatBufferBytes(columns.length) };
}
