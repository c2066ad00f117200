import type { Tensor } from '@qaxon/tensor';
import { mapFloat32 } from './elementwise.js';

/**
 * Hyperbolic tangent, elementwise: `(e^x - e^-x) / (e^x + e^-x)`, into (-1, 1)
 * (computed with `Math.tanh`, which saturates cleanly for large |x|).
 *
 * @example
 * ```ts
 * import { tensor } from '@qaxon/tensor';
 * import { tanhMath } from '@qaxon/graph';
 * console.log(tanhMath(tensor([0])).toArray()); // [0]
 * ```
 */
export function tanhMath(x: Tensor): Tensor<'f32'> {
  return mapFloat32(x, Math.tanh, 'tanh');
}
