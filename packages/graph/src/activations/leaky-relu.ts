import type { Tensor } from '@qaxon/tensor';
import { mapFloat32 } from './elementwise.js';

/**
 * Leaky rectified linear unit: `x` for `x > 0`, `alpha · x` otherwise, so negative inputs
 * keep a small slope (Axon's default `alpha` is 0.01).
 *
 * @example
 * ```ts
 * import { tensor } from '@qaxon/tensor';
 * import { leakyReluMath } from '@qaxon/graph';
 * console.log(leakyReluMath(tensor([-2, 3]), 0.5).toArray()); // [-1, 3]
 * ```
 */
export function leakyReluMath(x: Tensor, alpha = 0.01): Tensor<'f32'> {
  return mapFloat32(x, (v) => (v > 0 ? v : alpha * v), 'leakyRelu');
}
