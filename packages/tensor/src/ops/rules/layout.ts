import { DTypeError, ShapeError, ValueError } from '../../errors.js';
import { describeValue } from '../../describe.js';
import { formatShape, sizeOf, type Shape } from '../../shape.js';
import type { OpOutput } from './op-output.js';
import { checkAxis, checkIntegerList, checkPlainInput } from './check-input.js';
import type { TensorSpec } from '../tensor-spec.js';

const LAYOUT_DTYPES = ['f32', 's8', 's32'] as const;

/**
 * The shape `reshape` produces from `shape` (one entry may be `-1`: the size that makes
 * the element counts agree), checking the element counts agree.
 *
 * @example
 * ```ts
 * import { reshapeShape } from '@qaxon/tensor';
 * console.log(reshapeShape([2, 3, 4], [-1, 4])); // [6, 4]
 * ```
 */
export function reshapeShape(from: Shape, shape: readonly number[]): number[] {
  if (!Array.isArray(shape)) throw new ValueError(`reshape: expected attribute 'shape' to be an array of integers, got ${describeValue(shape)}`);
  const size = sizeOf(from);
  let inferred = -1;
  let known = 1;
  shape.forEach((dimension, axis) => {
    if (dimension === -1) {
      if (inferred !== -1) throw new ShapeError(`reshape: expected at most one -1 in shape [${shape.join(', ')}], got two (axes ${inferred} and ${axis})`);
      inferred = axis;
    } else if (typeof dimension !== 'number' || !Number.isSafeInteger(dimension) || dimension < 0) {
      throw new ShapeError(`reshape: expected axis ${axis} of shape to be a non-negative integer or -1, got ${describeValue(dimension)}`);
    } else {
      known *= dimension;
    }
  });
  const resolved = [...shape];
  if (inferred !== -1) {
    if (known === 0 || size % known !== 0) {
      throw new ShapeError(`reshape: cannot infer the -1 of [${shape.join(', ')}] for x ${formatShape(from)} (${size} elements)`);
    }
    resolved[inferred] = size / known;
  }
  if (sizeOf(resolved) !== size) {
    throw new ShapeError(`reshape: cannot reshape x ${formatShape(from)} (${size} elements) into [${shape.join(', ')}] (${sizeOf(resolved)} elements)`);
  }
  return resolved;
}

/**
 * Checks a `transpose` permutation for an input of shape `shape` (each axis once; negative
 * entries count from the end) and returns it with non-negative axes.
 *
 * @example
 * ```ts
 * import { transposePermutation } from '@qaxon/tensor';
 * console.log(transposePermutation([2, 3, 4], [0, -1, 1])); // [0, 2, 1]
 * ```
 */
export function transposePermutation(shape: Shape, permutation: readonly number[]): number[] {
  const rank = shape.length;
  const list = checkIntegerList('transpose', 'permutation', permutation);
  if (list.length !== rank) {
    throw new ShapeError(`transpose: expected a permutation of ${rank} axes for x ${formatShape(shape)}, got [${list.join(', ')}] (${list.length} axes)`);
  }
  const seen = new Set<number>();
  return list.map((axis, position) => {
    const normalized = checkAxis('transpose', `permutation[${position}]`, axis, rank, 'x');
    if (seen.has(normalized)) throw new ShapeError(`transpose: expected each axis once in permutation [${list.join(', ')}], got axis ${normalized} twice`);
    seen.add(normalized);
    return normalized;
  });
}

/**
 * Resolved bounds of a `slice`: `begin` (negative counts from the end) and `size` (`-1`:
 * to the end of the axis) checked against `shape` and made explicit.
 *
 * @example
 * ```ts
 * import { sliceBounds } from '@qaxon/tensor';
 * console.log(sliceBounds([4, 6], [1, -2], [2, -1])); // { begin: [1, 4], size: [2, 2] }
 * ```
 */
export function sliceBounds(shape: Shape, begin: readonly number[], size: readonly number[]): { begin: number[]; size: number[] } {
  const rank = shape.length;
  const starts = checkIntegerList('slice', 'begin', begin);
  const lengths = checkIntegerList('slice', 'size', size);
  if (starts.length !== rank || lengths.length !== rank) {
    throw new ShapeError(`slice: expected ${rank} entries in begin and size for x ${formatShape(shape)}, got begin [${starts.join(', ')}] and size [${lengths.join(', ')}]`);
  }
  const resolvedBegin: number[] = [];
  const resolvedSize: number[] = [];
  for (let axis = 0; axis < rank; axis++) {
    const dimension = shape[axis] as number;
    const rawStart = starts[axis] as number;
    const rawLength = lengths[axis] as number;
    if (rawStart < -dimension || rawStart > dimension) {
      throw new ShapeError(`slice: expected begin[${axis}] in [${-dimension}, ${dimension}] for axis ${axis} of x ${formatShape(shape)}, got ${rawStart}`);
    }
    const start = rawStart < 0 ? rawStart + dimension : rawStart;
    const length = rawLength === -1 ? dimension - start : rawLength;
    if (length < 0 || start + length > dimension) {
      throw new ShapeError(
        `slice: axis ${axis} of x ${formatShape(shape)} has ${dimension} entries; begin ${rawStart} with size ${rawLength} does not fit (size must be -1 or in [0, ${dimension - start}])`,
      );
    }
    resolvedBegin.push(start);
    resolvedSize.push(length);
  }
  return { begin: resolvedBegin, size: resolvedSize };
}

/**
 * Checks the inputs of a `concatenate` (a non-empty list of plain tensors of one dtype and
 * rank >= 1, equal on every axis but `axis`) and returns the axis, non-negative.
 *
 * @example
 * ```ts
 * import { concatenateAxis, ones } from '@qaxon/tensor';
 * console.log(concatenateAxis([ones([2, 3]), ones([2, 1])], -1)); // 1
 * ```
 */
export function concatenateAxis(xs: readonly TensorSpec[], axis: number): number {
  if (!Array.isArray(xs) || xs.length === 0) throw new ValueError(`concatenate: expected input 'xs' to be a non-empty array of tensors, got ${describeValue(xs)}`);
  const first = checkPlainInput('concatenate', 'xs[0]', xs[0], LAYOUT_DTYPES, 1);
  const along = checkAxis('concatenate', 'axis', axis, first.shape.length, 'xs[0]');
  xs.forEach((spec: TensorSpec, index: number) => {
    checkPlainInput('concatenate', `xs[${index}]`, spec, LAYOUT_DTYPES);
    if (spec.dtype !== first.dtype) throw new DTypeError(`concatenate: expected xs[${index}] to have dtype '${first.dtype}' like xs[0], got '${spec.dtype}'`);
    const fits = spec.shape.length === first.shape.length && spec.shape.every((d, a) => a === along || d === first.shape[a]);
    if (!fits) {
      throw new ShapeError(`concatenate: expected xs[${index}] to match xs[0] ${formatShape(first.shape)} on every axis but ${along}, got shape ${formatShape(spec.shape)}`);
    }
  });
  return along;
}

/** Output rule of `reshape`. */
export function reshapeOutput(inputs: { x: TensorSpec }, attrs: { shape: Shape }): OpOutput {
  const x = checkPlainInput('reshape', 'x', inputs.x, LAYOUT_DTYPES);
  return { shape: reshapeShape(x.shape, attrs?.shape), dtype: x.dtype };
}

/** Output rule of `transpose`. */
export function transposeOutput(inputs: { x: TensorSpec }, attrs: { permutation: readonly number[] }): OpOutput {
  const x = checkPlainInput('transpose', 'x', inputs.x, LAYOUT_DTYPES);
  return { shape: transposePermutation(x.shape, attrs?.permutation).map((axis) => x.shape[axis] as number), dtype: x.dtype };
}

/** Output rule of `concatenate`. */
export function concatenateOutput(inputs: { xs: readonly TensorSpec[] }, attrs: { axis: number }): OpOutput {
  const along = concatenateAxis(inputs?.xs, attrs?.axis);
  const first = inputs.xs[0] as TensorSpec;
  const shape = [...first.shape];
  shape[along] = inputs.xs.reduce((total, spec) => total + (spec.shape[along] as number), 0);
  return { shape, dtype: first.dtype };
}

/** Output rule of `slice`. */
export function sliceOutput(inputs: { x: TensorSpec }, attrs: { begin: readonly number[]; size: readonly number[] }): OpOutput {
  const x = checkPlainInput('slice', 'x', inputs.x, LAYOUT_DTYPES);
  return { shape: sliceBounds(x.shape, attrs?.begin, attrs?.size).size, dtype: x.dtype };
}
