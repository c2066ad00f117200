import { ShapeError } from './errors.js';
import { describeValue } from './describe.js';
import { formatShape, sizeOf, type Shape } from './shape.js';
import { Tensor } from './tensor.js';
import type { DType } from './dtype.js';

/**
 * The same elements under a new shape (no copy: the result shares `data`). One dimension
 * may be `-1`, inferred from the others.
 *
 * @example
 * ```ts
 * import { reshape, tensor } from '@qaxon/tensor';
 * const m = reshape(tensor([1, 2, 3, 4, 5, 6]), [2, -1]); // shape [2, 3]
 * ```
 */
export function reshape<D extends DType>(x: Tensor<D>, shape: readonly number[]): Tensor<D> {
  return new Tensor(x.data, resolveShape(shape, x.size, x.shape), x.dtype);
}

/**
 * Resolves a reshape target (with at most one `-1`) against an element count.
 *
 * @example
 * ```ts
 * import { resolveShape } from '@qaxon/tensor';
 * console.log(resolveShape([-1, 4], 8, [8])); // [2, 4]
 * ```
 */
export function resolveShape(shape: readonly number[], size: number, from: Shape): number[] {
  if (!Array.isArray(shape)) throw new ShapeError(`reshape: expected a shape array, got ${describeValue(shape)}`);
  let inferredAxis = -1;
  let known = 1;
  shape.forEach((dimension, axis) => {
    if (dimension === -1) {
      if (inferredAxis !== -1) {
        throw new ShapeError(`reshape: at most one -1 is allowed, got [${shape.join(', ')}] (axes ${inferredAxis} and ${axis})`);
      }
      inferredAxis = axis;
    } else if (!Number.isSafeInteger(dimension) || dimension < 0) {
      throw new ShapeError(`reshape: expected axis ${axis} to be a non-negative integer or -1, got ${describeValue(dimension)}`);
    } else {
      known *= dimension;
    }
  });
  const resolved = [...shape];
  if (inferredAxis !== -1) {
    if (known === 0 || size % known !== 0) {
      throw new ShapeError(`reshape: cannot infer -1 in [${shape.join(', ')}] for ${size} elements (from shape ${formatShape(from)})`);
    }
    resolved[inferredAxis] = size / known;
  }
  if (sizeOf(resolved) !== size) {
    throw new ShapeError(`reshape: cannot reshape ${formatShape(from)} (${size} elements) into [${shape.join(', ')}] (${sizeOf(resolved)} elements)`);
  }
  return resolved;
}
