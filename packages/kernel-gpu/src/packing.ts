import type { KernelTile } from './tiling.js';

/**
 * An RGBA8 image of int8 weights as gpu.js takes it: a real `ImageData` in browsers, an
 * `ImageData`-shaped object (which headless-gl uploads the same way) in Node.
 *
 * @example
 * ```ts
 * import type { WeightImage } from '@qaxon/kernel-gpu/internals';
 * const image: WeightImage = { width: 1, height: 1, data: new Uint8ClampedArray(4) };
 * ```
 */
export interface WeightImage {
  /** Texels per row (4 weights each). */
  readonly width: number;
  /** Rows (kernel rows). */
  readonly height: number;
  /** `4 * width * height` bytes. */
  readonly data: Uint8ClampedArray;
}

/**
 * The int8 weights of a tile as an RGBA8 image: one image row per kernel row, texel `g`
 * holding columns `4g .. 4g + 3` of the tile as their two's-complement bytes (padding
 * columns are 0). When the tile spans whole rows of a kernel whose width is a multiple of
 * 4, the image is a view of the QTensor's own bytes (no copy).
 *
 * @example
 * ```ts
 * import { packTexelImage } from '@qaxon/kernel-gpu/internals';
 * const values = Int8Array.from([1, -1, 2, -2, 3, -3, 4, -4]); // [2, 4]
 * const image = packTexelImage(values, 4, { innerStart: 0, innerEnd: 2, unitStart: 0, unitEnd: 4 });
 * console.log(image.width, image.height, image.data[1]); // 1 2 255
 * ```
 */
export function packTexelImage(values: Int8Array, units: number, tile: KernelTile): WeightImage {
  const rows = tile.innerEnd - tile.innerStart;
  const columns = tile.unitEnd - tile.unitStart;
  const width = Math.ceil(columns / 4);
  if (columns === units && units % 4 === 0) {
    const data = new Uint8ClampedArray(values.buffer, values.byteOffset + tile.innerStart * units, rows * units);
    return makeImage(data, width, rows);
  }
  const bytes = new Uint8Array(values.buffer, values.byteOffset, values.length);
  const data = new Uint8ClampedArray(rows * width * 4);
  for (let k = 0; k < rows; k++) {
    const from = (tile.innerStart + k) * units + tile.unitStart;
    data.set(bytes.subarray(from, from + columns), k * width * 4);
  }
  return makeImage(data, width, rows);
}

/**
 * Words (or floats) of a tile laid out column group by column group, as the buffer-mode
 * programs read them.
 *
 * @example
 * ```ts
 * import type { PackedColumns } from '@qaxon/kernel-gpu/internals';
 * const packed: PackedColumns<'words'> = { words: new Float32Array(4), groups: 4, innerPadded: 1 };
 * ```
 */
export type PackedColumns<Name extends string> = { [key in Name]: Float32Array } & {
  /** Column groups (threads per row), padded to the alignment. */
  groups: number;
  /** Kernel rows, padded to the alignment (the stride between groups). */
  innerPadded: number;
};

/**
 * The int8 weights of a tile packed 3 per float32 word for buffer modes, column group by
 * column group: word `weights[g * innerPadded + k]` is `b0 + 256 * b1 + 65536 * b2` with
 * `b = value + 128` for columns `3g .. 3g + 2` of row `k`. Every word is an integer below
 * `2^24`, so float32 holds it exactly. `groups` is rounded up to a multiple of
 * `groupAlign` and the rows to a multiple of `innerAlign`; padding words hold
 * `b = 128 + zeroPoint` of their column, so they contribute exactly 0 whatever `x` holds.
 *
 * @example
 * ```ts
 * import { packWords24 } from '@qaxon/kernel-gpu/internals';
 * const tile = { innerStart: 0, innerEnd: 1, unitStart: 0, unitEnd: 3 };
 * const { words, groups, innerPadded } = packWords24(Int8Array.from([-128, 0, 127]), new Int8Array(3), 3, tile, 1, 1);
 * console.log(words[0] === 0 + 256 * 128 + 65536 * 255, groups, innerPadded); // true 1 1
 * ```
 */
export function packWords24(
  values: Int8Array,
  zeroPoints: Int8Array,
  units: number,
  tile: KernelTile,
  innerAlign = 4,
  groupAlign = 4,
): PackedColumns<'words'> {
  const { groups, innerPadded } = words24Size(tile, innerAlign, groupAlign);
  const words = new Float32Array(groups * innerPadded);
  writeWords24Rows(words, (k, unit) => values[k * units + unit]!, zeroPoints, tile, groups, innerPadded, 0, innerPadded);
  return { words, groups, innerPadded };
}

/**
 * The column groups and padded rows {@link packWords24} lays a tile out in.
 *
 * @example
 * ```ts
 * import { words24Size } from '@qaxon/kernel-gpu/internals';
 * console.log(words24Size({ innerStart: 0, innerEnd: 5, unitStart: 0, unitEnd: 7 })); // { groups: 4, innerPadded: 8 }
 * ```
 */
export function words24Size(tile: KernelTile, innerAlign = 4, groupAlign = 4): { groups: number; innerPadded: number } {
  const rows = tile.innerEnd - tile.innerStart;
  const columns = tile.unitEnd - tile.unitStart;
  return { groups: Math.ceil(Math.ceil(columns / 3) / groupAlign) * groupAlign, innerPadded: Math.ceil(rows / innerAlign) * innerAlign };
}

/**
 * Writes the words of tile rows `[kFrom, kTo)` (counted from the tile's first row, padding
 * rows included) into `words`, laid out as {@link packWords24} does; `valueAt(row, unit)`
 * gives the int8 value of kernel row `row` (absolute) and column `unit`. Packing a weight
 * row block by row block (`uploadStreamed`) writes each block's rows, then the padding rows.
 *
 * @example
 * ```ts
 * import { writeWords24Rows } from '@qaxon/kernel-gpu/internals';
 * const words = new Float32Array(4);
 * const tile = { innerStart: 0, innerEnd: 1, unitStart: 0, unitEnd: 3 };
 * writeWords24Rows(words, () => 0, new Int8Array(3), tile, 1, 4, 0, 4);
 * console.log(words[0] === 128 * (1 + 256 + 65536)); // true
 * ```
 */
export function writeWords24Rows(
  words: Float32Array,
  valueAt: (row: number, unit: number) => number,
  zeroPoints: Int8Array,
  tile: KernelTile,
  groups: number,
  innerPadded: number,
  kFrom: number,
  kTo: number,
): void {
  const rows = tile.innerEnd - tile.innerStart;
  const columns = tile.unitEnd - tile.unitStart;
  const biased = (k: number, column: number): number => {
    const unit = tile.unitStart + column;
    if (column >= columns) return 128;
    if (k >= rows) return 128 + zeroPoints[unit]!;
    return valueAt(tile.innerStart + k, unit) + 128;
  };
  for (let group = 0; group < groups; group++) {
    const column = 3 * group;
    for (let k = kFrom; k < kTo; k++) {
      words[group * innerPadded + k] = biased(k, column) + 256 * biased(k, column + 1) + 65536 * biased(k, column + 2);
    }
  }
}

/**
 * Writes kernel rows `[first, first + count)` of a float weight (`block` holds them
 * row-major, `units` wide) into the tile's `columns`, laid out as {@link denseTileColumns}
 * does (padding stays as it is: zeros in a fresh buffer).
 *
 * @example
 * ```ts
 * import { writeColumnsRows } from '@qaxon/kernel-gpu/internals';
 * const columns = new Float32Array(16);
 * writeColumnsRows(columns, Float32Array.from([1, 2]), 1, 1, 2, { innerStart: 0, innerEnd: 2, unitStart: 0, unitEnd: 2 }, 4);
 * console.log(columns[1], columns[5]); // 1 2
 * ```
 */
export function writeColumnsRows(
  columns: Float32Array,
  block: Float32Array,
  first: number,
  count: number,
  units: number,
  tile: KernelTile,
  innerPadded: number,
): void {
  const from = Math.max(first, tile.innerStart);
  const to = Math.min(first + count, tile.innerEnd);
  const width = tile.unitEnd - tile.unitStart;
  for (let k = from; k < to; k++) {
    const row = (k - first) * units + tile.unitStart;
    const at = k - tile.innerStart;
    for (let n = 0; n < width; n++) columns[n * innerPadded + at] = block[row + n]!;
  }
}

/**
 * `values[unitStart .. unitEnd)` mapped through `map`, padded with `padding` to `length`.
 *
 * @example
 * ```ts
 * import { columnConstants } from '@qaxon/kernel-gpu/internals';
 * console.log([...columnConstants(Float32Array.from([1, 2, 3]), 1, 3, 4, 0, (v) => v * 2)]); // [4, 6, 0, 0]
 * ```
 */
export function columnConstants(
  values: ArrayLike<number>,
  unitStart: number,
  unitEnd: number,
  length: number,
  padding: number,
  map: (value: number) => number = (value) => value,
): Float32Array {
  const out = new Float32Array(length).fill(padding);
  for (let n = unitStart; n < unitEnd; n++) out[n - unitStart] = map(values[n]!);
  return out;
}

/**
 * The float weights of a tile: a view of the kernel when the tile spans whole rows, else a
 * copy of the tile's columns.
 *
 * @example
 * ```ts
 * import { denseTileWeights } from '@qaxon/kernel-gpu/internals';
 * const w = Float32Array.from([1, 2, 3, 4, 5, 6]); // [2, 3]
 * console.log([...denseTileWeights(w, 3, { innerStart: 0, innerEnd: 2, unitStart: 1, unitEnd: 3 })]); // [2, 3, 5, 6]
 * ```
 */
export function denseTileWeights(weights: Float32Array, units: number, tile: KernelTile): Float32Array {
  const rows = tile.innerEnd - tile.innerStart;
  const columns = tile.unitEnd - tile.unitStart;
  if (columns === units) return weights.subarray(tile.innerStart * units, tile.innerEnd * units);
  const out = new Float32Array(rows * columns);
  for (let k = 0; k < rows; k++) {
    const from = (tile.innerStart + k) * units + tile.unitStart;
    out.set(weights.subarray(from, from + columns), k * columns);
  }
  return out;
}

/**
 * The float weights of a tile stored column by column for buffer modes:
 * `columns[unit * innerPadded + k]`, the rows zero-padded to a multiple of `innerAlign` and
 * the columns to a multiple of `groupAlign` (so gpu.js's WebAssembly SIMD covers whole rows).
 *
 * @example
 * ```ts
 * import { denseTileColumns } from '@qaxon/kernel-gpu/internals';
 * const w = Float32Array.from([1, 2, 3, 4, 5, 6]); // [2, 3]
 * const { columns } = denseTileColumns(w, 3, { innerStart: 0, innerEnd: 2, unitStart: 0, unitEnd: 3 }, 2, 1);
 * console.log([...columns]); // [1, 4, 2, 5, 3, 6]
 * ```
 */
export function denseTileColumns(
  weights: Float32Array,
  units: number,
  tile: KernelTile,
  innerAlign = 4,
  groupAlign = 4,
): PackedColumns<'columns'> {
  const rows = tile.innerEnd - tile.innerStart;
  const width = tile.unitEnd - tile.unitStart;
  const groups = Math.ceil(width / groupAlign) * groupAlign;
  const innerPadded = Math.ceil(rows / innerAlign) * innerAlign;
  const columns = new Float32Array(groups * innerPadded);
  for (let k = 0; k < rows; k++) {
    const from = (tile.innerStart + k) * units + tile.unitStart;
    for (let n = 0; n < width; n++) columns[n * innerPadded + k] = weights[from + n]!;
  }
  return { columns, groups, innerPadded };
}

function makeImage(data: Uint8ClampedArray, width: number, height: number): WeightImage {
  const ImageDataConstructor = (globalThis as { ImageData?: new (data: Uint8ClampedArray, width: number, height: number) => WeightImage })
    .ImageData;
  if (ImageDataConstructor !== undefined) return new ImageDataConstructor(data, width, height);
  // gpu.js types a plain object by its own `type` field; headless-gl reads width/height/data.
  return { type: 'ImageData', width, height, data } as WeightImage;
}
