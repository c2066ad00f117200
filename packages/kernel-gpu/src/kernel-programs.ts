import type { QTensor, Tensor } from '@qaxon/tensor';
import { floatBufferBytes, glFloatArrayBytes } from './device-bytes.js';
import { DENSE_COLUMNS_SOURCE, DENSE_COLUMNS_SPLIT_SOURCE, DENSE_SOURCE } from './kernels/dense.js';
import { QUANTIZED_DENSE_DIRECT_SOURCE } from './kernels/quantized-dense-direct.js';
import { QUANTIZED_DENSE_PACKED_SOURCE, QUANTIZED_DENSE_PACKED_SPLIT_SOURCE } from './kernels/quantized-dense-packed.js';
import { QUANTIZED_DENSE_TEXEL_SOURCE } from './kernels/quantized-dense-texel.js';
import { packS4Words, QUANTIZED_DENSE_S4_SOURCE } from './kernels/quantized-dense-s4.js';
import { modeFamily, type GpuMode } from './modes.js';
import {
  columnConstants,
  denseTileColumns,
  denseTileWeights,
  packTexelImage,
  packWords24,
  words24Size,
  writeColumnsRows,
  writeWords24Rows,
} from './packing.js';
import type { GpuTileLimits, KernelTile, TileConstraints } from './tiling.js';
import { untouchedZeros } from './untouched-zeros.js';

/**
 * Which way gpu.js's image upload leaves kernel rows in a GL texture (see
 * `QUANTIZED_DENSE_TEXEL_SOURCE`): `'flipped'` (gpu.js sets `UNPACK_FLIP_Y_WEBGL`, the
 * expected case) or `'upright'`. The backend's self-test picks the one that computes right.
 *
 * @example
 * ```ts
 * import type { TexelRowOrder } from '@qaxon/kernel-gpu/internals';
 * const order: TexelRowOrder = 'flipped';
 * ```
 */
export type TexelRowOrder = 'flipped' | 'upright';

/**
 * One uploaded tile: the gpu.js constants of its kernel and the device bytes they hold.
 *
 * @example
 * ```ts
 * import type { TileUpload } from '@qaxon/kernel-gpu/internals';
 * const upload: TileUpload = {
 *   tile: { innerStart: 0, innerEnd: 1, unitStart: 0, unitEnd: 1 },
 *   groups: 1,
 *   constants: {},
 *   innerLength: 1,
 *   weightBytes: 0,
 * };
 * ```
 */
export interface TileUpload {
  /** The part of the kernel this upload holds. */
  tile: KernelTile;
  /** Kernel threads along the units axis (output columns / `unitsPerGroup`, rounded up). */
  groups: number;
  /** The gpu.js constants of the tile's kernels (weights, scales, sizes). */
  constants: Record<string, unknown>;
  /** Kernel rows the program loops over (the tile's rows, padded to `innerAlign`). */
  innerLength: number;
  /** Device bytes of the constants (0 when gpu.js reads the host arrays in place). */
  weightBytes: number;
}

/**
 * A gpu.js program for one kernel on one family of modes, and how to upload a tile of
 * weights for it.
 *
 * @example
 * ```ts
 * import { kernelProgram } from '@qaxon/kernel-gpu/internals';
 * const program = kernelProgram('quantizedDense', 'webasm');
 * console.log(program.layout, program.unitsPerGroup); // 'packed' 3
 * ```
 */
export interface KernelProgram {
  /** `texel` (int8, 4 per RGBA8 texel), `packed` (int8, 3 per float32 word), `direct` (int8 read in place), `float`. */
  readonly layout: 'texel' | 'packed' | 'direct' | 'float';
  /** The gpu.js kernel function, as source text. It takes `(x, parts, chunk)` when `splitsInner`. */
  readonly source: string;
  /** For fixed-size kernels: a version that splits K into `parts` (`source` then sums all of K, faster). */
  readonly splitSource?: string;
  /** What one thread returns: one output or a vector of `unitsPerGroup` outputs. */
  readonly returnType: 'Number' | 'Array(3)' | 'Array(4)';
  /** Output columns one thread computes. */
  readonly unitsPerGroup: 1 | 3 | 4;
  /** `x` rows are passed zero-padded to a multiple of this length (the loop is unrolled by it). */
  readonly innerAlign: number;
  /** Whether the kernel takes `(x, parts, chunk)` and splits K into `parts` partial sums. */
  readonly splitsInner: boolean;
  /** The tile limits this program needs under `limits`. */
  constraints(limits: GpuTileLimits): TileConstraints;
  /** The constants of one tile (packed as this program reads them). */
  upload(weights: Tensor<'f32'> | QTensor, tile: KernelTile, rowOrder: TexelRowOrder): TileUpload;
  /**
   * Buffer-mode programs: the constants of one tile of a weight `[inner, units]` with its
   * `weights` all zero (a fresh, untouched array), to be filled row block by row block with
   * {@link KernelProgram.writeRows} once a kernel holds them (`uploadStreamed`). `q` gives
   * the scales and zero points of an int8 weight (its values are not read); `zeros(length)`
   * gives the zero array (default: {@link untouchedZeros}; it is only read).
   */
  emptyUpload?(inner: number, units: number, tile: KernelTile, q?: QTensor, zeros?: (length: number) => Float32Array): TileUpload;
  /**
   * Writes kernel rows `[first, first + count)` (`block`, row-major) into `target`, the
   * `weights` of a tile from {@link KernelProgram.emptyUpload} (int8: the block that holds
   * the tile's last row also writes its padding rows; `q` gives the zero points).
   */
  writeRows?(target: Float32Array, upload: TileUpload, block: Float32Array | Int8Array, first: number, count: number, units: number, q?: QTensor): void;
}

/**
 * The program that runs `kernelName` in `mode`: on GL modes int8 weights are RGBA8 texels,
 * on WebAssembly/WebGPU 3 per float32 word, in `cpu` mode the QTensor's own arrays; float
 * `dense` uploads its weights as float32 everywhere but `cpu` (read in place).
 *
 * @example
 * ```ts
 * import { kernelProgram } from '@qaxon/kernel-gpu/internals';
 * console.log(kernelProgram('quantizedDense', 'headlessgl').layout); // 'texel'
 * ```
 */
export function kernelProgram(kernelName: 'dense' | 'quantizedDense', mode: GpuMode): KernelProgram {
  const family = modeFamily(mode);
  if (kernelName === 'dense') return denseProgram(family);
  if (family === 'gl') return TEXEL_PROGRAM;
  if (family === 'buffer') return PACKED_PROGRAM;
  return DIRECT_PROGRAM;
}

const TEXEL_PROGRAM: KernelProgram = {
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

const PACKED_PROGRAM: KernelProgram = {
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

const DIRECT_PROGRAM: KernelProgram = {
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

function denseProgram(family: 'gl' | 'buffer' | 'host'): KernelProgram {
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

function alignUp(value: number, multiple: number): number {
  return Math.ceil(value / multiple) * multiple;
}

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
