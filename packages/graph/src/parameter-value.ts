import { QTensor, Tensor, describeValue, sizeOf, type Handle } from '@qaxon/tensor';
import { ParameterError } from './errors.js';
import type { ParameterValue } from './model.js';

/**
 * True for a backend `Handle` (data a backend holds: shape, dtype, backend name and, for
 * a quantized weight, its layout), as opposed to a host `Tensor` or `QTensor`. A state
 * returned by a built model's `place(state)` holds handles.
 *
 * @example
 * ```ts
 * import { isHandle } from '@qaxon/graph';
 * import { referenceBackend } from '@qaxon/kernel-reference';
 * import { ones } from '@qaxon/tensor';
 * console.log(isHandle(ones([2])), isHandle(referenceBackend.upload(ones([2])))); // false true
 * ```
 */
export function isHandle(value: unknown): value is Handle {
  if (value === null || typeof value !== 'object' || value instanceof Tensor || value instanceof QTensor) return false;
  const candidate = value as Partial<Handle>;
  return typeof candidate.backend === 'string' && Array.isArray(candidate.shape) && typeof candidate.dtype === 'string';
}

/**
 * Bytes a parameter value holds: a tensor's data; a `QTensor`'s int8 values, f32 scales
 * and int8 zero points; a handle's the same, computed from its shape, dtype and
 * quantization layout (what the backend holds at least; it may pad or pack).
 *
 * @example
 * ```ts
 * import { parameterByteSize } from '@qaxon/graph';
 * import { QTensor, ones } from '@qaxon/tensor';
 * console.log(parameterByteSize(ones([3, 4])), parameterByteSize(QTensor.fromTensor(ones([3, 4])))); // 48 32
 * ```
 */
export function parameterByteSize(value: ParameterValue): number {
  if (value instanceof Tensor || value instanceof QTensor) return value.byteSize;
  const elements = sizeOf(value.shape);
  const layout = value.quantization;
  if (layout === undefined) return elements * (value.dtype === 's8' ? 1 : 4);
  const channels = value.shape[layout.axis] ?? 1;
  const scales = layout.groupSize === undefined ? channels : (elements / channels / layout.groupSize) * channels;
  return Math.ceil((elements * layout.bits) / 8) + scales * 4 + channels;
}

/**
 * A short description of a parameter value: `f32[784][128]` for a tensor,
 * `QTensor<s8>[784][128]` for a quantized kernel (Axon's notation), with ` on wasm` for a
 * handle of backend `wasm`.
 *
 * @example
 * ```ts
 * import { describeParameterValue } from '@qaxon/graph';
 * import { ones } from '@qaxon/tensor';
 * console.log(describeParameterValue(ones([2, 3]))); // f32[2][3]
 * ```
 */
export function describeParameterValue(value: ParameterValue): string {
  const axes = value.shape.map((dimension) => `[${dimension}]`).join('');
  if (value instanceof QTensor) return `QTensor<${value.type}>${axes}`;
  if (value instanceof Tensor) return `${value.dtype}${axes}`;
  const kind = value.quantization === undefined ? value.dtype : `QTensor<s${value.quantization.bits}>`;
  return `${kind}${axes} on ${value.backend}`;
}

/**
 * Throws a {@link ParameterError} unless `value` is a `Tensor`, a `QTensor` or a backend
 * `Handle`, naming `<layer>.<parameter>` and the operation.
 *
 * @example
 * ```ts
 * import { checkParameterValue } from '@qaxon/graph';
 * import { ones } from '@qaxon/tensor';
 * checkParameterValue(ones([2]), 'dense_0', 'bias', 'load'); // fine
 * ```
 */
export function checkParameterValue(value: unknown, layer: string, parameter: string, where: string): void {
  if (!(value instanceof Tensor) && !(value instanceof QTensor) && !isHandle(value)) {
    throw new ParameterError(`${where}: expected '${layer}.${parameter}' to be a Tensor, a QTensor or a backend Handle, got ${describeValue(value)}`);
  }
}

