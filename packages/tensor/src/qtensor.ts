import type { Tensor } from './tensor.js';
import type { QuantizationLayout } from './ops/handle.js';
import type { QTensorOptions, ResolvedQTensorLayout } from './qtensor-layout.js';
import { quantizeToParts, type FromTensorOptions, type QuantizedType } from './qtensor-from-tensor.js';
import { checkQTensorParts, zerosOf } from './qtensor-parts.js';
import { describeQTensor } from './qtensor-describe.js';
import { dequantizeStored, unpackedValuesOf, type StoredQTensor } from './qtensor-values.js';

export { QUANTIZED_TYPES, type QuantizedType, type FromTensorOptions } from './qtensor-from-tensor.js';

/** Reads a QTensor's stored zero points without making zeros (for `kernelStamp`); set in the class's static block. */
let readStoredZeroPoint: (q: QTensor) => Tensor<'s8'> | undefined;

/**
 * A quantized weight: integer `value` of shape `[in, units]` (or `[rows, columns]` for a
 * gather table), float32 `scale`s and int8 `zeroPoint`s (0: symmetric) of the same shape
 * as the scales. The default layout is Axon's per-channel int8: one scale per output
 * channel (column), and the float weight it stands for is `(value[k][n] - zeroPoint[n]) * scale[n]`.
 *
 * The layout (see {@link QTensorOptions}) generalizes it: `bits` (8, or 4 with values in
 * `[-8, 7]`, type `'s4'`, stored packed: `value` is then `[ceil(in / 2), units]` bytes, two
 * values per byte along `in`, low nibble for even `k`, see `packInt4`),
 * the quantized `axis` the scales run along (1: per output column of a kernel; 0: per row
 * of a gather table) and an optional `groupSize` along the other (reduced) axis, with
 * scales `[groups, channels]`: the weight at `[k, n]` of a kernel quantized in groups is
 * `(value[k][n] - zeroPoint[g][n]) * scale[g][n]` with `g = floor(k / groupSize)`.
 *
 * A per-channel int8 kernel holds `in * units + 4 * units + units` bytes, about a
 * quarter of the `4 * in * units` bytes of the float kernel. A symmetric s4 kernel in
 * groups of `g` holds `ceil(in / 2) * units + 4 * units * ceil(in / g)` bytes (no zero
 * points are stored when none were given): 0.156x the float kernel with groups of 32.
 *
 * A QTensor is frozen: `q.value = other` throws a `TypeError` (in modules and strict
 * code), so every backend keeps seeing the same parts. Treat the parts' arrays as
 * immutable once a backend has used them too; see `kernelStamp` for what backends
 * that keep a copy do when they are written into anyway.
 *
 * @example
 * ```ts
 * import { QTensor, tensor } from '@qaxon/tensor';
 * const w = tensor([[-2], [1], [0], [-1.5]]);
 * const q = QTensor.fromTensor(w);
 * console.log([...q.value.data]); // [-127, 64, 0, -96]
 * console.log(q.dequantize().toArray()); // close to [[-2], [1], [0], [-1.5]]
 * ```
 */
export class QTensor {
  /**
   * The stored integer weights: `[in, units]`, one per `Int8Array` element, for 8 bits;
   * for 4 bits the packed bytes `[ceil(in / 2), units]` (see `packInt4`; use
   * {@link QTensor.unpackedValues} for one value per element). {@link QTensor.shape} is the logical shape.
   */
  readonly value: Tensor<'s8'>;
  /** Scales: `[channels]` (per output channel by default: `[units]`), or `[groups, channels]` with a group size. */
  readonly scale: Tensor<'f32'>;
  /** `'s8'` (8 bits) or `'s4'` (4 bits, packed); see {@link QTensor.bits}. */
  readonly type: QuantizedType;
  readonly #layout: ResolvedQTensorLayout;
  readonly #shape: readonly [number, number];
  /** The zero points given or made at construction; `undefined` for a 4-bit QTensor made without any (symmetric, nothing stored). */
  readonly #zeroPoint: Tensor<'s8'> | undefined;
  #zerosMadeOnRead: Tensor<'s8'> | undefined;

  static {
    readStoredZeroPoint = (q) => q.#zeroPoint;
  }

  /**
   * Assembles a QTensor from its parts, checking the layout `options` (see
   * {@link QTensorOptions}; `{}`: per-channel int8 along axis 1), dtypes, shapes (the scales
   * `[channels]` or `[groups, channels]`, the zero points the same), that 4-bit values and
   * zero points lie in `[-8, 7]` (a `ValueError` naming the index), and that every scale is
   * finite and `>= 0` (a NaN, negative or infinite scale, e.g. from a damaged file, is a
   * `ValueError` naming its index). For loading saved weights; use
   * {@link QTensor.fromTensor} to quantize.
   *
   * 4-bit values (`bits: 4`) come either unpacked, one per element `[in, units]` (packed
   * here), or packed `[ceil(in / 2), units]` with the option `packedRows: in` (the bytes
   * are kept as given; when `in` is odd the high nibbles of the last byte row must be 0).
   *
   * @example
   * ```ts
   * import { QTensor, tensor } from '@qaxon/tensor';
   * // A [4, 2] kernel in groups of 2 along `in`: scales [2 groups, 2 units].
   * const values = tensor([[1, -2], [3, 4], [5, 6], [-7, 8]], { dtype: 's8' });
   * const q = new QTensor(values, tensor([[0.5, 0.25], [0.125, 1]]), undefined, { groupSize: 2 });
   * console.log(q.groupSize, q.axis, q.bits); // 2 1 8
   * ```
   */
  constructor(value: Tensor<'s8'>, scale: Tensor<'f32'>, zeroPoint?: Tensor<'s8'>, options?: QTensorOptions) {
    const { value: stored, zeroPoint: zero, layout, shape } = checkQTensorParts(value, scale, zeroPoint, options);
    this.value = stored;
    this.scale = scale;
    this.#zeroPoint = zero;
    this.type = layout.bits === 4 ? 's4' : 's8';
    this.#layout = layout;
    this.#shape = shape;
    // Immutable once made: a backend that uploaded the parts keeps using them.
    Object.freeze(this);
  }

  /** `[in, units]`, the shape of the float kernel this stands for (for 4 bits, not the packed `value`'s). */
  get shape(): readonly number[] {
    return this.#shape;
  }

  /**
   * Zero points, the shape of `scale` (all 0 when none were given: symmetric). A 4-bit
   * QTensor made without zero points stores none; reading this makes the zeros then.
   */
  get zeroPoint(): Tensor<'s8'> {
    if (this.#zeroPoint !== undefined) return this.#zeroPoint;
    this.#zerosMadeOnRead ??= zerosOf(this.#layout.scaleShape);
    return this.#zerosMadeOnRead;
  }

  /** Bits per value: 8, or 4 (values in `[-8, 7]`, stored two per byte: see {@link QTensor.value}). */
  get bits(): 8 | 4 {
    return this.#layout.bits;
  }

  /** The axis the scales run along: 1 (one per output column of `[in, units]`, the default) or 0 (one per row). */
  get axis(): 0 | 1 {
    return this.#layout.axis;
  }

  /** Values per scale along the other (reduced) axis; `undefined` for one scale per channel. */
  get groupSize(): number | undefined {
    return this.#layout.groupSize;
  }

  /**
   * How the values are laid out, as handles carry it: bits, the axis the scales run along,
   * the group size and whether the zero points are all 0.
   *
   * @example
   * ```ts
   * import { QTensor, randomNormal } from '@qaxon/tensor';
   * const table = QTensor.fromTensor(randomNormal([100, 8], { seed: 1 }), { axis: 0 });
   * console.log(table.quantization); // { bits: 8, axis: 0, groupSize: undefined, symmetric: true }
   * ```
   */
  get quantization(): QuantizationLayout {
    const { bits, axis, groupSize, packed } = this.#layout;
    const zero = this.#zeroPoint;
    const symmetric = zero === undefined || zero.data.every((z) => z === 0);
    return packed ? { bits, axis, groupSize, symmetric, packed: 'int4-pairs-along-axis-0' } : { bits, axis, groupSize, symmetric };
  }

  /**
   * Bytes held: values (one byte each for 8 bits, half a byte for 4 bits) + float32
   * scales + zero points (one per scale; none for a 4-bit QTensor made without them).
   */
  get byteSize(): number {
    return this.value.byteSize + this.scale.byteSize + (this.#zeroPoint?.byteSize ?? 0);
  }

  /**
   * The integer values one per element, `[in, units]`: `value` itself for 8 bits, the
   * unpacked 4-bit values (a copy) for 4 bits. For inspection and error measurement.
   *
   * @example
   * ```ts
   * import { QTensor, tensor } from '@qaxon/tensor';
   * const q = QTensor.fromTensor(tensor([[1], [-0.5], [0.25]]), { type: 's4' });
   * console.log([...q.unpackedValues().data]); // [7, -4, 2]
   * ```
   */
  unpackedValues(): Tensor<'s8'> {
    return unpackedValuesOf(this.#stored());
  }

  /**
   * Quantizes a float32 kernel `[in, units]` per output channel (no layout options),
   * bit-identically to Axon's `Axon.Quantization`: for each column `n`,
   * `scale[n] = f32(max(|min(col, 0)|, max(col, 0)) / 127.5)` clipped as Nx's
   * `clip(scale, 2^-23, largest scale)` (upper bound last: when every scale is below 2^-23,
   * all get the largest), then `q = clip(roundHalfAwayFromZero(f32(w * f32(1 / scale))), -128, 127)`.
   * Where Axon has no finite answer qaxon documents its own: an all-zero kernel gets scale
   * 2^-23 and zeros, and see `perChannelInt8Scales` and `quantizeInt8WithScales`.
   * Refuses non-float32 or non-rank-2 input, NaN/Infinity (naming the value and the first bad
   * index) and unsupported types.
   *
   * The layout options ({@link QTensorOptions}: `bits`, `axis`, `groupSize`) quantize
   * symmetrically with the same rules per block instead of per column: one scale per
   * (group, channel), `f32(amax / halfRange)` with `halfRange` 127.5 (8 bits) or 7.5 (4 bits,
   * values in `[-8, 7]`), the same clipping to `[2^-23, largest scale]` over all blocks,
   * the same reciprocal and half-away-from-zero rounding. `{ axis: 0 }` quantizes a gather
   * table per row; `{ groupSize: 32 }` a kernel in groups of 32 inputs (scales `[in / 32, units]`).
   *
   * `{ type: 's4', groupSize: 32 }` (or `bits: 4`) quantizes to 4 bits in groups of 32
   * inputs and packs the values two per byte; `in` need not be a multiple of the group
   * size (the last group is shorter), but a group size along `in` must be even (a
   * `ValueError` otherwise).
   *
   * @example
   * ```ts
   * import { QTensor, randomNormal } from '@qaxon/tensor';
   * const s4 = QTensor.fromTensor(randomNormal([100, 8], { seed: 1 }), { type: 's4', groupSize: 32 });
   * console.log(s4.shape, s4.value.shape, s4.scale.shape); // [100, 8] [50, 8] [4, 8]
   * const q = QTensor.fromTensor(randomNormal([784, 128], { seed: 1 }), { name: 'dense_0.kernel' });
   * console.log(q.byteSize); // 784 * 128 + 4 * 128 + 128
   * const grouped = QTensor.fromTensor(randomNormal([784, 128], { seed: 1 }), { groupSize: 16, bits: 4 });
   * console.log(grouped.scale.shape, grouped.toString()); // [49, 128] 'QTensor<s4>[784, 128] (groups of 16)'
   * ```
   */
  static fromTensor(weights: Tensor, options: FromTensorOptions = {}): QTensor {
    const parts = quantizeToParts(weights, options);
    return new QTensor(parts.value, parts.scale, undefined, parts.options);
  }

  /**
   * True for QTensor instances (also across duplicated copies of this package).
   *
   * @example
   * ```ts
   * import { QTensor, tensor } from '@qaxon/tensor';
   * console.log(QTensor.isQTensor(tensor([1]))); // false
   * ```
   */
  static isQTensor(value: unknown): value is QTensor {
    return value instanceof QTensor;
  }

  /**
   * The float32 kernel this stands for: `f32((value[k][n] - zeroPoint[i]) * scale[i])` with
   * `i` the scale index of `[k, n]` (`n` per output channel; `k` per row with axis 0; with
   * a group size, `[floor(k / groupSize), n]`). This
   * materializes a full float copy: for inspection and error measurement, not inference.
   *
   * @example
   * ```ts
   * import { QTensor, tensor } from '@qaxon/tensor';
   * const w = tensor([[0.5, -0.25]]);
   * const back = QTensor.fromTensor(w).dequantize();
   * ```
   */
  dequantize(): Tensor<'f32'> {
    return dequantizeStored(this.#stored());
  }

  /** The stored parts that `unpackedValues` and `dequantize` read. */
  #stored(): StoredQTensor {
    return { value: this.value, scale: this.scale, zeroPoint: this.#zeroPoint, layout: this.#layout, shape: this.#shape };
  }

  /**
   * A readable rendering: `QTensor<s8>[784, 128]` for per-channel int8, with the layout
   * when it differs: `QTensor<s4>[784, 128] (groups of 32)`, `QTensor<s8>[1000, 64] (per row)`.
   */
  toString(): string {
    return describeQTensor(this.#layout, this.#shape);
  }
}

/**
 * The zero points a QTensor stores: `undefined` for a 4-bit one made without zero points
 * (where `q.zeroPoint` would make zeros on read). Internal, for `kernelStamp`.
 */
export function storedZeroPointOf(q: QTensor): Tensor<'s8'> | undefined {
  return readStoredZeroPoint(q);
}
