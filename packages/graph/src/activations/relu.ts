import type { Tensor } from '@qaxon/tensor';
import { mapFloat32 } from './elementwise.js';

/**
 * Rectified linear unit: `relu(x) = max(x, 0)`. Passes positive values through and
 * zeroes the rest; NaN stays NaN.
 *
 * @example
 * ```ts
 * import { tensor } from '@qaxon/tensor';
 * import { reluMath } from '@qaxon/graph';
 * console.log(reluMath(tensor([-1, 0, 2])).toArray()); // [0, 0, 2]
 * ```
 */
export function reluMath(x: Tensor): Tensor<'f32'> {
  return mapFloat32(x, (v) => (v > 0 || Number.isNaN(v) ? v : 0), 'relu');
}
