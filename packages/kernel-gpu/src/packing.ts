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
  const rows = tile.innerEnd - tile.innerStart;
  const columns = tile.unitEnd - tile.unitStart;
  const groups = Math.ceil(Math.ceil(columns / 3) / groupAlign) * groupAlign;
  const innerPadded = Math.ceil(rows / innerAlign) * innerAlign;
  const words = new Float32Array(groups * innerPadded);
  const biased = (k: number, column: number): number => {
    const unit = tile.unitStart + column;
    if (column >= columns) return 128;
    if (k >= rows) return 128 + zeroPoints[unit]!;
    return values[(tile.innerStart + k) * units + unit]! + 128;
  };
  for (let group = 0; group < groups; group++) {
    const column = 3 * group;
    for (let k = 0; k < innerPadded; k++) {
      words[group * innerPadded + k] = biased(k, column) + 256 * biased(k, column + 1) + 65536 * biased(k, column + 2);
    }
  }
  return { words, groups, innerPadded };
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
