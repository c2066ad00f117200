import { describeValue } from './describe.js';
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
 * Checks that every dimension is a non-negative safe integer and returns a frozen copy.
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
  shape.forEach((dimension, axis) => {
    if (typeof dimension !== 'number' || !Number.isSafeInteger(dimension) || dimension < 0) {
      throw new ShapeError(
        `${where}: expected axis ${axis} of shape [${shape.join(', ')}] to be a non-negative integer, got ${describeValue(dimension)}`,
      );
    }
  });
  return Object.freeze([...shape]);
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
