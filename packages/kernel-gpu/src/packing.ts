import type { KernelTile } from './tiling.js';

/**
 * An RGBA8 image of int8 weights as gpu.js takes it: a real `ImageData` in browsers, an
 * `ImageData`-shaped object (which headless-gl uploads the same way) in Node.
 *
 * @example
 * ```ts
 * import type { WeightImage } from '@qaxon/kernel-gpu';
 * const image: WeightImage = { width: 1, height: 1, data: new Uint8ClampedArray(4) };
 * ```
 */
export interface WeightImage {
  readonly width: number;
  readonly height: number;
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
 * import { packTexelImage } from '@qaxon/kernel-gpu';
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
 * The int8 weights of a tile packed 3 per float32 word for buffer modes: word `g` of row
 * `k` is `b0 + 256 * b1 + 65536 * b2` with `b = value + 128` for columns `3g .. 3g + 2`
 * (padding columns hold `b = 128`). Every word is an integer below `2^24`, so float32 holds
 * it exactly.
 *
 * @example
 * ```ts
 * import { packWords24 } from '@qaxon/kernel-gpu';
 * const words = packWords24(Int8Array.from([-128, 0, 127]), 3, { innerStart: 0, innerEnd: 1, unitStart: 0, unitEnd: 3 });
 * console.log(words[0] === 0 + 256 * 128 + 65536 * 255); // true
 * ```
 */
export function packWords24(values: Int8Array, units: number, tile: KernelTile): Float32Array {
  const rows = tile.innerEnd - tile.innerStart;
  const columns = tile.unitEnd - tile.unitStart;
  const groups = Math.ceil(columns / 3);
  const words = new Float32Array(rows * groups);
  for (let k = 0; k < rows; k++) {
    const rowStart = (tile.innerStart + k) * units + tile.unitStart;
    for (let group = 0; group < groups; group++) {
      const column = 3 * group;
      const b0 = values[rowStart + column]! + 128;
      const b1 = column + 1 < columns ? values[rowStart + column + 1]! + 128 : 128;
      const b2 = column + 2 < columns ? values[rowStart + column + 2]! + 128 : 128;
      words[k * groups + group] = b0 + 256 * b1 + 65536 * b2;
    }
  }
  return words;
}

/**
 * `values[unitStart .. unitEnd)` mapped through `map`, padded with `padding` to `length`.
 *
 * @example
 * ```ts
 * import { columnConstants } from '@qaxon/kernel-gpu';
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
 * import { denseTileWeights } from '@qaxon/kernel-gpu';
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

function makeImage(data: Uint8ClampedArray, width: number, height: number): WeightImage {
  const ImageDataConstructor = (globalThis as { ImageData?: new (data: Uint8ClampedArray, width: number, height: number) => WeightImage })
    .ImageData;
  if (ImageDataConstructor !== undefined) return new ImageDataConstructor(data, width, height);
  // gpu.js types a plain object by its own `type` field; headless-gl reads width/height/data.
  return { type: 'ImageData', width, height, data } as WeightImage;
}
