import type { Tensor } from '@qaxon/tensor';
import { mapFloat32 } from './elementwise.js';

/**
 * The logistic sigmoid of one number, `1 / (1 + e^-v)`, in the form that never
 * overflows: for `v >= 0` `e^-v` is at most 1; for `v < 0` it is rewritten as
 * `e^v / (1 + e^v)` so `e^v` is at most 1 too.
 *
 * @example
 * ```ts
 * import { sigmoidOf } from '@qaxon/graph';
 * console.log(sigmoidOf(0)); // 0.5
 * ```
 */
export function sigmoidOf(v: number): number {
  if (v >= 0) return 1 / (1 + Math.exp(-v));
  const e = Math.exp(v);
  return e / (1 + e);
}

/**
 * Sigmoid activation, elementwise: squashes every value into (0, 1).
 *
 * @example
 * ```ts
 * import { tensor } from '@qaxon/tensor';
 * import { sigmoidMath } from '@qaxon/graph';
 * console.log(sigmoidMath(tensor([0])).toArray()); // [0.5]
 * ```
 */
export function sigmoidMath(x: Tensor): Tensor<'f32'> {
  return mapFloat32(x, sigmoidOf, 'sigmoid');
}
