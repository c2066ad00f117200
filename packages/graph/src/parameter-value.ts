import { QTensor, Tensor, describeValue } from '@qaxon/tensor';
import { ParameterError } from './errors.js';
import type { ParameterValue } from './model.js';

/**
 * A short description of a parameter value: `f32[784][128]` for a tensor,
 * `QTensor<s8>[784][128]` for a quantized kernel (Axon's notation).
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
  return value instanceof QTensor ? `QTensor<${value.type}>${axes}` : `${value.dtype}${axes}`;
}

/**
 * Throws a {@link ParameterError} unless `value` is a `Tensor` or a `QTensor`, naming
 * `<layer>.<parameter>` and the operation.
 *
 * @example
 * ```ts
 * import { checkParameterValue } from '@qaxon/graph';
 * import { ones } from '@qaxon/tensor';
 * checkParameterValue(ones([2]), 'dense_0', 'bias', 'load'); // fine
 * ```
 */
export function checkParameterValue(value: unknown, layer: string, parameter: string, where: string): void {
  if (!(value instanceof Tensor) && !(value instanceof QTensor)) {
    throw new ParameterError(`${where}: expected '${layer}.${parameter}' to be a Tensor or a QTensor, got ${describeValue(value)}`);
  }
}

