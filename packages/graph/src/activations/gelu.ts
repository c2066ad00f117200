import type { Tensor } from '@qaxon/tensor';
import { mapFloat32 } from './elementwise.js';
import { erf } from './erf.js';

/**
 * Gaussian error linear unit in its exact form, as Axon computes it through Nx:
 * `gelu(x) = x · Φ(x) = 0.5 · x · (1 + erf(x / sqrt(2)))`, where Φ is the standard
 * normal CDF (not the tanh approximation). Accurate to about 1e-7 relative, see {@link erf}.
 *
 * @example
 * ```ts
 * import { tensor } from '@qaxon/tensor';
 * import { geluMath } from '@qaxon/graph';
 * console.log(geluMath(tensor([0, 1])).toArray()); // [0, 0.841344...]
 * ```
 */
export function geluMath(x: Tensor): Tensor<'f32'> {
  return mapFloat32(x, (v) => 0.5 * v * (1 + erf(v * Math.SQRT1_2)), 'gelu');
}
