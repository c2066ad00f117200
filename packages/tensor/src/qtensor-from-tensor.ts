/**
 * Quantizing a float32 kernel into the parts of a {@link QTensor}: the quantized types,
 * the options of `QTensor.fromTensor` and the checks and arithmetic behind it. Internal
 * apart from the types, which `./qtensor.js` re-exports.
 *
 * @module
 */
import { DTypeError, ShapeError, ValueError } from './errors.js';
import { perChannelInt8Scales, quantizeInt8WithScales } from './per-channel-int8.js';
import { describeValue } from './describe.js';
import { formatShape } from './shape.js';
import { Tensor } from './tensor.js';
import { isPerChannelInt8, resolveQTensorLayout, type QTensorOptions } from './qtensor-layout.js';
import { quantizeSymmetric } from './symmetric-quantize.js';

/**
 * The quantized types {@link QTensor.fromTensor} supports: symmetric signed 8-bit (`'s8'`,
 * `bits: 8`) and signed 4-bit (`'s4'`, `bits: 4`, stored two values per byte).
 *
 * @example
 * ```ts
 * import { QUANTIZED_TYPES } from '@qaxon/tensor';
 * console.log(QUANTIZED_TYPES); // ['s8', 's4']
 * ```
 */
export const QUANTIZED_TYPES = ['s8', 's4'] as const;

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
export interface FromTensorOptions extends QTensorOptions {
  /**
   * Quantized type: `'s8'` (default) or `'s4'` (the same as `bits: 4`; give a `groupSize`,
   * e.g. 32, for group-wise scales). Accepts Axon's `{type: 's8'}` spelling too.
   */
  type?: QuantizedType | { type: QuantizedType };
  /** Where the weights come from (e.g. `dense_0.kernel`), for error messages. */
  name?: string;
}

/** The constructor arguments of the QTensor that `QTensor.fromTensor` returns (no zero points: symmetric). */
export interface QuantizedParts {
  readonly value: Tensor<'s8'>;
  readonly scale: Tensor<'f32'>;
  /** `undefined` for Axon's per-channel int8 (the constructor's default layout). */
  readonly options: QTensorOptions | undefined;
}

/**
 * Checks `weights` and `options` and quantizes them as `QTensor.fromTensor` documents:
 * Axon's per-channel int8 without layout options, symmetric per block otherwise.
 */
export function quantizeToParts(weights: Tensor, options: FromTensorOptions): QuantizedParts {
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
  const { groupSize, axis } = options;
  const bits = bitsOfType(type as QuantizedType, options.bits, where);
  const layout = resolveQTensorLayout([rows, columns], { groupSize, axis, bits }, where);
  if (isPerChannelInt8(layout)) {
    // Axon's path, kept as it always was.
    const scales = perChannelInt8Scales(data, rows, columns);
    const values = quantizeInt8WithScales(data, rows, columns, scales);
    return { value: new Tensor(values, [rows, columns], 's8'), scale: new Tensor(scales, [columns], 'f32'), options: undefined };
  }
  const { values, scales } = quantizeSymmetric(data, rows, columns, layout);
  return {
    value: new Tensor(values, [rows, columns], 's8'),
    scale: new Tensor(scales, [...layout.scaleShape], 'f32'),
    options: { groupSize, axis, bits },
  };
}

/** The bits of a quantized type, checked against `bits` when both are given. */
function bitsOfType(type: QuantizedType, bits: 8 | 4 | undefined, where: string): 8 | 4 | undefined {
  if (bits === undefined) return type === 's4' ? 4 : undefined;
  const typeBits = type === 's4' ? 4 : 8;
  if (bits !== typeBits && !(bits === 4 && type === 's8')) {
    throw new ValueError(`${where}: type '${type}' has ${typeBits} bits, got bits ${describeValue(bits)} (give one of them, or both agreeing)`);
  }
  return bits;
}
