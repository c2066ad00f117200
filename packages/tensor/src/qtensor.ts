import { DTypeError, ShapeError, ValueError } from './errors.js';
import { perChannelInt8Scales, quantizeInt8WithScales } from './per-channel-int8.js';
import { describeValue } from './describe.js';
import { formatShape } from './shape.js';
import { Tensor } from './tensor.js';
import type { QuantizationLayout } from './ops/handle.js';

/**
 * The quantized types {@link QTensor.fromTensor} supports. Only symmetric signed 8-bit
 * for now.
 *
 * @example
 * ```ts
 * import { QUANTIZED_TYPES } from '@qaxon/tensor';
 * console.log(QUANTIZED_TYPES); // ['s8']
 * ```
 */
export const QUANTIZED_TYPES = ['s8'] as const;

/**
 * A quantized type name, one of {@link QUANTIZED_TYPES}.
 *
 * @example
 * ```ts
 * import type { QuantizedType } from '@qaxon/tensor';
 * const type: QuantizedType = 's8';
 * ```
 */
export type QuantizedType = (typeof QUANTIZED_TYPES)[number];

/**
 * Options of {@link QTensor.fromTensor}.
 *
 * @example
 * ```ts
 * import { QTensor, tensor, type FromTensorOptions } from '@qaxon/tensor';
 * const options: FromTensorOptions = { type: 's8', name: 'dense_0.kernel' };
 * const q = QTensor.fromTensor(tensor([[1, -1]]), options);
 * ```
 */
export interface FromTensorOptions {
  /** Quantized type (default `'s8'`). Accepts Axon's `{type: 's8'}` spelling too. */
  type?: QuantizedType | { type: QuantizedType };
  /** Where the weights come from (e.g. `dense_0.kernel`), for error messages. */
  name?: string;
}

/**
 * A weight-only quantized kernel: int8 `value` of shape `[in, units]`, one float32
 * `scale` per output channel (column) and a `zeroPoint` per channel (0: symmetric).
 * The float weight it stands for is `value[k][n] * scale[n]`.
 *
 * It holds `in * units + 4 * units + units` bytes, about a quarter of the
 * `4 * in * units` bytes of the float kernel.
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
  /** Int8 weights, `[in, units]`. */
  readonly value: Tensor<'s8'>;
  /** Per-output-channel scales, `[units]`. */
  readonly scale: Tensor<'f32'>;
  /** Per-output-channel zero points, `[units]` (all 0 for symmetric int8). */
  readonly zeroPoint: Tensor<'s8'>;
  /** The quantized type. */
  readonly type: QuantizedType = 's8';

  /**
   * Assembles a QTensor from its parts, checking dtypes, shapes and that every scale is
   * finite and `>= 0` (a NaN, negative or infinite scale, e.g. from a damaged file, is a
   * `ValueError` naming its index). For loading saved weights; use
   * {@link QTensor.fromTensor} to quantize.
   */
  constructor(value: Tensor<'s8'>, scale: Tensor<'f32'>, zeroPoint?: Tensor<'s8'>) {
    if (!(value instanceof Tensor) || value.dtype !== 's8' || value.rank !== 2) {
      throw new DTypeError(`QTensor: expected value to be an s8 tensor of rank 2 [in, units], got ${describeTensor(value)}`);
    }
    const units = value.shape[1]!;
    if (!(scale instanceof Tensor) || scale.dtype !== 'f32' || scale.rank !== 1 || scale.shape[0] !== units) {
      throw new ShapeError(`QTensor: expected scale to be an f32 tensor of shape [${units}], got ${describeTensor(scale)}`);
    }
    checkScales(scale.data);
    const zero = zeroPoint ?? new Tensor(new Int8Array(units), [units], 's8');
    if (!(zero instanceof Tensor) || zero.dtype !== 's8' || zero.rank !== 1 || zero.shape[0] !== units) {
      throw new ShapeError(`QTensor: expected zeroPoint to be an s8 tensor of shape [${units}], got ${describeTensor(zero)}`);
    }
    this.value = value;
    this.scale = scale;
    this.zeroPoint = zero;
    // Immutable once made: a backend that uploaded the parts keeps using them.
    Object.freeze(this);
  }

  /** `[in, units]`, the shape of the float kernel this stands for. */
  get shape(): readonly number[] {
    return this.value.shape;
  }

  /**
   * How the values are laid out: bits, the axis the scales run along, the group size and
   * whether the zero points are all 0.
   */
  get quantization(): QuantizationLayout {
    return { bits: 8, axis: 1, groupSize: undefined, symmetric: this.zeroPoint.data.every((z) => z === 0) };
  }

  /** Bytes held: int8 values + float32 scales + zero points. */
  get byteSize(): number {
    return this.value.byteSize + this.scale.byteSize + this.zeroPoint.byteSize;
  }

  /**
   * Quantizes a float32 kernel `[in, units]` per output channel, bit-identically to
   * Axon's `Axon.Quantization`: for each column `n`,
   * `scale[n] = f32(max(|min(col, 0)|, max(col, 0)) / 127.5)` clipped as Nx's
   * `clip(scale, 2^-23, largest scale)` (upper bound last: when every scale is below 2^-23,
   * all get the largest), then `q = clip(roundHalfAwayFromZero(f32(w * f32(1 / scale))), -128, 127)`.
   * Where Axon has no finite answer qaxon documents its own: an all-zero kernel gets scale
   * 2^-23 and zeros, and see `perChannelInt8Scales` and `quantizeInt8WithScales`.
   * Refuses non-float32 or non-rank-2 input, NaN/Infinity (naming the value and the first bad
   * index) and unsupported types.
   *
   * @example
   * ```ts
   * import { QTensor, randomNormal } from '@qaxon/tensor';
   * const q = QTensor.fromTensor(randomNormal([784, 128], { seed: 1 }), { name: 'dense_0.kernel' });
   * console.log(q.byteSize); // 784 * 128 + 4 * 128 + 128
   * ```
   */
  static fromTensor(weights: Tensor, options: FromTensorOptions = {}): QTensor {
    const where = options.name ? `QTensor.fromTensor (${options.name})` : 'QTensor.fromTensor';
    const type = typeof options.type === 'object' && options.type !== null ? options.type.type : (options.type ?? 's8');
    if (!(QUANTIZED_TYPES as readonly unknown[]).includes(type)) {
      throw new ValueError(`${where}: unsupported quantized type ${describeValue(type)}; supported types: ${QUANTIZED_TYPES.join(', ')}`);
    }
    if (!(weights instanceof Tensor)) {
      throw new ValueError(`${where}: expected a float32 Tensor of rank 2 [in, units], got ${describeValue(weights)}`);
    }
    if (weights.dtype !== 'f32') {
      throw new DTypeError(`${where}: expected a float32 ('f32') kernel, got dtype '${weights.dtype}'`);
    }
    if (weights.rank !== 2) {
      throw new ShapeError(`${where}: expected a rank-2 kernel [in, units], got shape ${formatShape(weights.shape)} (rank ${weights.rank})`);
    }
    const [rows, columns] = weights.shape as [number, number];
    const data = weights.data as Float32Array;
    for (let i = 0; i < data.length; i++) {
      if (!Number.isFinite(data[i]!)) {
        throw new ValueError(
          `${where}: expected finite weights, got ${data[i]} at index [${Math.floor(i / columns)}, ${i % columns}]`,
        );
      }
    }
    const scales = perChannelInt8Scales(data, rows, columns);
    const values = quantizeInt8WithScales(data, rows, columns, scales);
    return new QTensor(new Tensor(values, [rows, columns], 's8'), new Tensor(scales, [columns], 'f32'));
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
   * The float32 kernel this stands for: `(value[k][n] - zeroPoint[n]) * scale[n]`. This
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
    const [rows, columns] = this.value.shape as [number, number];
    const out = new Float32Array(rows * columns);
    const values = this.value.data;
    const scales = this.scale.data;
    const zeros = this.zeroPoint.data;
    for (let k = 0; k < rows; k++) {
      for (let n = 0; n < columns; n++) {
        out[k * columns + n] = Math.fround((values[k * columns + n]! - zeros[n]!) * scales[n]!);
      }
    }
    return new Tensor(out, [rows, columns], 'f32');
  }

  /** A readable rendering such as `QTensor<s8>[784, 128]`. */
  toString(): string {
    return `QTensor<${this.type}>${formatShape(this.value.shape)}`;
  }
}

/** Every scale must be finite and >= 0: NaN, Infinity or a negative scale would give silently wrong outputs. */
function checkScales(scales: Float32Array): void {
  for (let n = 0; n < scales.length; n++) {
    const scale = scales[n]!;
    if (!(scale >= 0 && scale < Infinity)) {
      throw new ValueError(`QTensor: expected every scale to be finite and >= 0, got ${scale} at scale index ${n} (output column ${n})`);
    }
  }
}

function describeTensor(value: unknown): string {
  return value instanceof Tensor ? `${value.dtype} ${formatShape(value.shape)}` : describeValue(value);
}
