/**
 * Errors raised by qaxon's tensor core. Every message says what was expected, what was
 * given, and where (the operation, argument, axis or index).
 *
 * @module
 */

/**
 * Base class of every error thrown by `@qaxon/tensor`.
 *
 * @example
 * ```ts
 * import { tensor, TensorError } from '@qaxon/tensor';
 * try {
 *   tensor([1, 2, 3], { shape: [2, 2] });
 * } catch (error) {
 *   console.log(error instanceof TensorError); // true
 * }
 * ```
 */
export class TensorError extends Error {
  // A literal, not the constructor's name, so minified bundles keep readable names.
  override name = 'TensorError';

  constructor(message: string) {
    super(message);
  }
}

/**
 * A shape was invalid or two shapes did not fit together (data length, broadcasting,
 * matmul inner dimensions, concatenation axes, ...).
 *
 * @example
 * ```ts
 * import { zeros, reshape, ShapeError } from '@qaxon/tensor';
 * try {
 *   reshape(zeros([2, 3]), [4, 2]);
 * } catch (error) {
 *   console.log(error instanceof ShapeError, (error as Error).message);
 * }
 * ```
 */
export class ShapeError extends TensorError {
  // A literal, not the constructor's name, so minified bundles keep readable names.
  override name = 'ShapeError';
}

/**
 * A tensor had a dtype the operation does not accept, or two dtypes were mixed where
 * that is not allowed.
 *
 * @example
 * ```ts
 * import { tensor, add, DTypeError } from '@qaxon/tensor';
 * try {
 *   add(tensor([1], { dtype: 'f32' }), tensor([1], { dtype: 's8' }));
 * } catch (error) {
 *   console.log(error instanceof DTypeError); // true
 * }
 * ```
 */
export class DTypeError extends TensorError {
  // A literal, not the constructor's name, so minified bundles keep readable names.
  override name = 'DTypeError';
}

/**
 * A value was out of the accepted range: NaN or Infinity where finite numbers are needed,
 * a fractional number for an integer tensor, an out-of-range integer, an invalid option.
 *
 * @example
 * ```ts
 * import { tensor, ValueError } from '@qaxon/tensor';
 * try {
 *   tensor([1.5], { dtype: 's8' });
 * } catch (error) {
 *   console.log(error instanceof ValueError); // true
 * }
 * ```
 */
export class ValueError extends TensorError {
  // A literal, not the constructor's name, so minified bundles keep readable names.
  override name = 'ValueError';
}
