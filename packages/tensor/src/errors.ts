/**
 * Errors raised by qaxon's tensor core. Every message says what was expected, what was
 * given, and where (the operation, argument, axis or index).
 *
 * @module
 */

/**
 * The root of every error qaxon throws, in every package: `error instanceof QaxonError`
 * tells qaxon's errors from others. Each subclass sets `name` to a literal (not the
 * constructor's name, which minifiers rename) and takes an optional `cause`.
 *
 * @example
 * ```ts
 * import { QaxonError, tensor } from '@qaxon/tensor';
 * try {
 *   tensor([1, 2, 3], { shape: [2, 2] });
 * } catch (error) {
 *   console.log(error instanceof QaxonError, (error as Error).name); // true ShapeError
 * }
 * ```
 */
export class QaxonError extends Error {
  override name = 'QaxonError';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

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
export class TensorError extends QaxonError {
  override name = 'TensorError';
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
  override name = 'ValueError';
}
