/**
 * The packed storage of 4-bit ("s4") QTensor values: two values per byte along the first
 * axis (the input axis `K` of a dense kernel `[K, N]`, the rows of a gather table). Byte
 * `[k >> 1][n]` of the row-major `[ceil(K / 2), N]` bytes holds `value[k][n]` in its low
 * nibble when `k` is even and in its high nibble when `k` is odd, each as 4-bit two's
 * complement (`-8..7`). When `K` is odd the high nibbles of the last byte row are 0.
 *
 * @module
 */
import { ValueError } from './errors.js';

/**
 * Packs 4-bit values (`Int8Array`, row-major `[rows, columns]`, each in `[-8, 7]`) two per
 * byte along the rows, as described in this module. Values outside `[-8, 7]` are a
 * `ValueError` naming the index.
 *
 * @example
 * ```ts
 * import { packInt4 } from '@qaxon/tensor';
 * // [[1], [-2], [3]]: byte 0 holds 1 (low) and -2 (high), byte 1 holds 3 (low) and 0.
 * console.log([...packInt4(new Int8Array([1, -2, 3]), 3, 1)]); // [-31, 3]
 * ```
 */
export function packInt4(values: Int8Array, rows: number, columns: number): Int8Array {
  if (values.length !== rows * columns) {
    throw new ValueError(`packInt4: expected ${rows} * ${columns} = ${rows * columns} values, got ${values.length}`);
  }
  const packed = new Int8Array(packedRowsOf(rows) * columns);
  for (let k = 0; k < rows; k++) {
    const shift = (k & 1) << 2;
    const byteRow = (k >> 1) * columns;
    for (let n = 0; n < columns; n++) {
      const v = values[k * columns + n]!;
      if (v < -8 || v > 7) throw new ValueError(`packInt4: expected every 4-bit value in [-8, 7], got ${v} at index [${k}, ${n}]`);
      packed[byteRow + n] = packed[byteRow + n]! | ((v & 0xf) << shift);
    }
  }
  return packed;
}

/**
 * The 4-bit value `[k, n]` of packed bytes with `columns` columns (sign-extended).
 *
 * @example
 * ```ts
 * import { int4At, packInt4 } from '@qaxon/tensor';
 * const packed = packInt4(new Int8Array([1, -2, 3, -8]), 2, 2);
 * console.log(int4At(packed, 2, 1, 1)); // -8
 * ```
 */
export function int4At(packed: Int8Array, columns: number, k: number, n: number): number {
  const byte = packed[(k >> 1) * columns + n]!;
  // Shift the wanted nibble to the top of a 32-bit word, then back with sign extension.
  return (k & 1) === 0 ? (byte << 28) >> 28 : (byte << 24) >> 28;
}

/**
 * Unpacks `[rows, columns]` 4-bit values from packed bytes (one value per `Int8Array`
 * element): for inspection and tests; kernels read the packed bytes.
 *
 * @example
 * ```ts
 * import { packInt4, unpackInt4 } from '@qaxon/tensor';
 * console.log([...unpackInt4(packInt4(new Int8Array([1, -2, 3]), 3, 1), 3, 1)]); // [1, -2, 3]
 * ```
 */
export function unpackInt4(packed: Int8Array, rows: number, columns: number): Int8Array {
  if (packed.length !== packedRowsOf(rows) * columns) {
    throw new ValueError(`unpackInt4: expected ceil(${rows} / 2) * ${columns} = ${packedRowsOf(rows) * columns} packed bytes for [${rows}, ${columns}], got ${packed.length}`);
  }
  const values = new Int8Array(rows * columns);
  for (let k = 0; k < rows; k++) {
    for (let n = 0; n < columns; n++) values[k * columns + n] = int4At(packed, columns, k, n);
  }
  return values;
}

/**
 * Byte rows holding `rows` 4-bit rows: `ceil(rows / 2)`.
 *
 * @example
 * ```ts
 * import { packedRowsOf } from '@qaxon/tensor';
 * console.log(packedRowsOf(7)); // 4
 * ```
 */
export function packedRowsOf(rows: number): number {
  return (rows + 1) >> 1;
}
