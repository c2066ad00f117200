import type { Tensor } from '../tensor.js';
import type { QTensorOptions } from '../qtensor-layout.js';

/**
 * A rank-2 weight whose rows can be read a few at a time (from a file, piece by piece), so
 * that a backend can place it without the host ever holding all of it.
 *
 * @example
 * ```ts
 * import type { RowSource } from '@qaxon/tensor';
 * const values = new Int8Array([1, 2, 3, 4]);
 * const source: RowSource = {
 *   shape: [2, 2],
 *   dtype: 's8',
 *   async read(firstRow, rowCount, into) {
 *     into.set(values.subarray(firstRow * 2, (firstRow + rowCount) * 2));
 *   },
 * };
 * ```
 */
export interface RowSource {
  /** `[rows, columns]` of the stored values (`[in, units]` for a dense kernel). */
  readonly shape: readonly [number, number];
  /** `'s8'` for quantized values, `'f32'` for a float weight. */
  readonly dtype: 'f32' | 's8';
  /** Fills `into` (`rowCount * columns` elements, row-major) with rows `[firstRow, firstRow + rowCount)`. */
  read(firstRow: number, rowCount: number, into: Float32Array | Int8Array): Promise<void>;
}

/**
 * A weight for `Backend.uploadStreamed`: its values as a {@link RowSource} and, for a
 * quantized weight, its scales and zero points (small, already on the host).
 *
 * @example
 * ```ts
 * import { tensor, type RowSource, type StreamedWeight } from '@qaxon/tensor';
 * declare const values: RowSource; // e.g. rows of a safetensors file
 * const weight: StreamedWeight = { values, scale: tensor([0.5, 0.25]) };
 * ```
 */
export interface StreamedWeight {
  /** The values, read row block by row block. */
  readonly values: RowSource;
  /** Scales (present: the weight is quantized, `values` are s8): `[units]` per output channel, or as `layout` says (`QTensor`'s shapes). */
  readonly scale?: Tensor<'f32'>;
  /** Zero points, the shape of `scale` (absent: all 0). */
  readonly zeroPoint?: Tensor<'s8'>;
  /** The quantized layout (bits, axis, group size) as `QTensor`'s options; absent: per-channel int8 along axis 1. */
  readonly layout?: QTensorOptions;
}
