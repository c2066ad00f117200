import type { Shape } from '../../shape.js';
import type { OpOutput } from './op-output.js';
import { checkAxis, checkPlainInput } from './check-input.js';
import type { TensorSpec } from '../tensor-spec.js';

/**
 * Checks the `axis` of a `softmax` / `logSoftmax` on an input of shape `shape` (rank >= 1;
 * a negative axis counts from the end) and returns it as a non-negative axis.
 *
 * @example
 * ```ts
 * import { softmaxAxis } from '@qaxon/tensor';
 * console.log(softmaxAxis('softmax', [2, 3, 4], -1)); // 2
 * ```
 */
export function softmaxAxis(op: 'softmax' | 'logSoftmax', shape: Shape, axis: number): number {
  return checkAxis(op, 'axis', axis, shape.length, 'x');
}

/**
 * Output rule of `softmax` and `logSoftmax`: `x` f32 of rank >= 1, `axis` in
 * `[-rank, rank - 1]`; the output has `x`'s shape.
 *
 * @example
 * ```ts
 * import { softmaxOutput, ones } from '@qaxon/tensor';
 * console.log(softmaxOutput('softmax', { x: ones([2, 5]) }, { axis: -1 }).shape); // [2, 5]
 * ```
 */
export function softmaxOutput(op: 'softmax' | 'logSoftmax', inputs: { x: TensorSpec }, attrs: { axis: number }): OpOutput {
  const x = checkPlainInput(op, 'x', inputs.x, ['f32'], 1);
  softmaxAxis(op, x.shape, (attrs as { axis?: number } | undefined)?.axis as number);
  return { shape: x.shape, dtype: 'f32' };
}
