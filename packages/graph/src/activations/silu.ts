import type { Tensor } from '@qaxon/tensor';
import { mapFloat32 } from './elementwise.js';
import { sigmoidOf } from './sigmoid.js';

/**
 * Sigmoid linear unit (swish with beta 1): `silu(x) = x · sigmoid(x)`, using the
 * overflow-free sigmoid.
 *
 * @example
 * ```ts
 * import { tensor } from '@qaxon/tensor';
 * import { siluMath } from '@qaxon/graph';
 * console.log(siluMath(tensor([0])).toArray()); // [0]
 * ```
 */
export function siluMath(x: Tensor): Tensor<'f32'> {
  return mapFloat32(x, (v) => v * sigmoidOf(v), 'silu');
}
