import { describeValue, formatCount } from './describe.js';
import { ShapeError } from './errors.js';

/**
 * A tensor shape: one non-negative integer per axis, outermost first (row-major).
 *
 * @example
 * ```ts
 * import type { Shape } from '@qaxon/tensor';
 * const matrix: Shape = [2, 3];
 * ```
 */
export type Shape = readonly number[];

/**
 * The most axes a shape may have (64, NumPy's limit): deeper nesting would only exhaust
 * the stack of recursive code such as {@link Tensor.toArray}.
 *
 * @example
 * ```ts
 * import { MAX_RANK } from '@qaxon/tensor';
 * console.log(MAX_RANK); // 64
 * ```
 */
export const MAX_RANK = 64;

/**
 * The most positions an empty tensor may have before its first zero axis (2^20). An
 * empty tensor holds no data, so nothing else bounds its shape, yet `toArray()` of
 * `[2e7, 0]` builds twenty million empty arrays (11 s, 900 MB); `[1048576, 0]` and
 * `[0, 2e7]` are fine.
 *
 * @example
 * ```ts
 * import { MAX_EMPTY_OUTER_SIZE, zeros } from '@qaxon/tensor';
 * zeros([MAX_EMPTY_OUTER_SIZE, 0]); // the largest such shape
 * ```
 */
export const MAX_EMPTY_OUTER_SIZE = 2 ** 20;

/**
 * Checks that every dimension is a non-negative safe integer, that there are at most
 * {@link MAX_RANK} axes and that an empty shape has at most {@link MAX_EMPTY_OUTER_SIZE}
 * positions before its first zero axis; returns a frozen copy.
 *
 * @example
 * ```ts
 * import { checkShape } from '@qaxon/tensor';
 * const shape = checkShape([2, 3], 'zeros'); // [2, 3]
 * ```
 */
export function checkShape(shape: readonly number[], where: string): Shape {
  if (!Array.isArray(shape)) {
    throw new ShapeError(`${where}: expected a shape (an array of non-negative integers), got ${describeValue(shape)}`);
  }
  if (shape.length > MAX_RANK) {
    throw new ShapeError(`${where}: expected a shape of at most ${MAX_RANK} axes (MAX_RANK), got ${shape.length} axes`);
  }
  shape.forEach((dimension, axis) => {
    if (typeof dimension !== 'number' || !Number.isSafeInteger(dimension) || dimension < 0) {
      throw new ShapeError(
        `${where}: expected axis ${axis} of shape [${shape.join(', ')}] to be a non-negative integer, got ${describeValue(dimension)}`,
      );
    }
  });
  const outer = emptyOuterSize(shape);
  if (outer > MAX_EMPTY_OUTER_SIZE) {
    throw new ShapeError(
      `${where}: expected an empty shape to have at most ${MAX_EMPTY_OUTER_SIZE} positions before its first zero axis (MAX_EMPTY_OUTER_SIZE), got shape [${shape.join(', ')}] with ${formatCount(outer)}`,
    );
  }
  return Object.freeze([...shape]);
}

/**
 * For a shape with a zero axis, the product of the axes before the first zero (what
 * `toArray()` would nest); 0 for a shape without a zero axis (its size is bounded by its
 * data).
 *
 * @example
 * ```ts
 * import { emptyOuterSize } from '@qaxon/tensor';
 * console.log(emptyOuterSize([3, 4, 0, 5]), emptyOuterSize([2, 3])); // 12 0
 * ```
 */
export function emptyOuterSize(shape: readonly number[]): number {
  const zeroAxis = shape.indexOf(0);
  if (zeroAxis < 0) return 0;
  let outer = 1;
  for (let axis = 0; axis < zeroAxis; axis++) outer *= shape[axis]!;
  return outer;
}

/**
 * Number of elements of a shape (1 for the scalar shape `[]`).
 *
 * @example
 * ```ts
 * import { sizeOf } from '@qaxon/tensor';
 * console.log(sizeOf([2, 3, 4])); // 24
 * ```
 */
export function sizeOf(shape: Shape): number {
  let size = 1;
  for (const dimension of shape) size *= dimension;
  return size;
}

/**
 * Row-major strides of a shape, in elements.
 *
 * @example
 * ```ts
 * import { stridesOf } from '@qaxon/tensor';
 * console.log(stridesOf([2, 3, 4])); // [12, 4, 1]
 * ```
 */
export function stridesOf(shape: Shape): number[] {
  const strides = new Array<number>(shape.length);
  let stride = 1;
  for (let axis = shape.length - 1; axis >= 0; axis--) {
    strides[axis] = stride;
    stride *= shape[axis]!;
  }
  return strides;
}

/**
 * Formats a shape as `[2, 3]` for messages.
 *
 * @example
 * ```ts
 * import { formatShape } from '@qaxon/tensor';
 * console.log(formatShape([2, 3])); // "[2, 3]"
 * ```
 */
export function formatShape(shape: Shape): string {
  return `[${shape.join(', ')}]`;
}

/**
 * True when two shapes have the same rank and dimensions.
 *
 * @example
 * ```ts
 * import { shapesEqual } from '@qaxon/tensor';
 * console.log(shapesEqual([2, 3], [2, 3])); // true
 * ```
 */
export function shapesEqual(a: Shape, b: Shape): boolean {
  return a.length === b.length && a.every((dimension, axis) => dimension === b[axis]);
}

/**
 * Normalizes a possibly negative axis (`-1` is the last) and checks it is in range.
 *
 * @example
 * ```ts
 * import { normalizeAxis } from '@qaxon/tensor';
 * console.log(normalizeAxis(-1, 3, 'sum')); // 2
 * ```
 */
export function normalizeAxis(axis: number, rank: number, where: string): number {
  if (!Number.isInteger(axis) || axis < -rank || axis >= rank) {
    throw new ShapeError(`${where}: expected an axis in [${-rank}, ${rank - 1}] for a rank-${rank} tensor, got ${describeValue(axis)}`);
  }
  return axis < 0 ? axis + rank : axis;
}
