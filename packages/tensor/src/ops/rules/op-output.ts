import type { DType } from '../../dtype.js';
import type { Shape } from '../../shape.js';

/**
 * The shape and dtype an op produces for given inputs, as `inferOpOutput` finds them.
 *
 * @example
 * ```ts
 * import type { OpOutput } from '@qaxon/tensor';
 * const output: OpOutput = { shape: [1, 10], dtype: 'f32' };
 * ```
 */
export interface OpOutput {
  /** Size of each axis of the output. */
  readonly shape: Shape;
  /** Element type of the output. */
  readonly dtype: DType;
}
