import { allocate, type DType } from './dtype.js';
import { ShapeError } from './errors.js';
import { formatShape, normalizeAxis, sizeOf, stridesOf } from './shape.js';
import { Tensor } from './tensor.js';

/**
 * Options of the reductions {@link sum}, {@link min}, {@link max} and {@link mean}.
 *
 * @example
 * ```ts
 * import { sum, tensor, type ReduceOptions } from '@qaxon/tensor';
 * const options: ReduceOptions = { axes: [0], keepAxes: true };
 * sum(tensor([[1, 2], [3, 4]]), options).toArray(); // [[4, 6]]
 * ```
 */
export interface ReduceOptions {
  /** Axes to reduce (negative counts from the end); all axes when omitted. */
  axes?: readonly number[];
  /** Keep reduced axes with size 1 (default false). */
  keepAxes?: boolean;
}

type Reducer = { initial: number; step: (accumulator: number, value: number) => number; finish: (accumulator: number, count: number) => number };

function reduce(name: string, x: Tensor, options: ReduceOptions, reducer: Reducer, outDType: DType): Tensor {
  const rank = x.rank;
  const axes = new Set((options.axes ?? [...Array(rank).keys()]).map((axis) => normalizeAxis(axis, rank, name)));
  const outShapeKept = x.shape.map((dimension, axis) => (axes.has(axis) ? 1 : dimension));
  const count = x.shape.reduce((product, dimension, axis) => (axes.has(axis) ? product * dimension : product), 1);
  const accumulators = new Float64Array(sizeOf(outShapeKept)).fill(reducer.initial);
  const outStrides = stridesOf(outShapeKept);
  const index = new Array<number>(rank).fill(0);
  let target = 0;
  for (let i = 0; i < x.size; i++) {
    accumulators[target] = reducer.step(accumulators[target]!, x.data[i]!);
    for (let axis = rank - 1; axis >= 0; axis--) {
      index[axis]!++;
      if (!axes.has(axis)) target += outStrides[axis]!;
      if (index[axis]! < x.shape[axis]!) break;
      if (!axes.has(axis)) target -= outStrides[axis]! * x.shape[axis]!;
      index[axis] = 0;
    }
  }
  const out = allocate(outDType, accumulators.length);
  for (let i = 0; i < out.length; i++) out[i] = reducer.finish(accumulators[i]!, count);
  const shape = options.keepAxes ? outShapeKept : x.shape.filter((_, axis) => !axes.has(axis));
  return new Tensor(out, shape, outDType);
}

function requireNonEmpty(name: string, x: Tensor, options: ReduceOptions): void {
  const axes = (options.axes ?? [...Array(x.rank).keys()]).map((axis) => normalizeAxis(axis, x.rank, name));
  if (axes.some((axis) => x.shape[axis] === 0)) {
    throw new ShapeError(`${name}: cannot reduce an empty axis of shape ${formatShape(x.shape)} (axes [${axes.join(', ')}])`);
  }
}

/**
 * Sum over axes, accumulated in float64 and rounded once to the result dtype
 * (`'f32'` stays `'f32'`; integer inputs give `'s32'`, wrapping on overflow).
 *
 * @example
 * ```ts
 * import { sum, tensor } from '@qaxon/tensor';
 * sum(tensor([[1, 2], [3, 4]]), { axes: [1] }).toArray(); // [3, 7]
 * ```
 */
export function sum(x: Tensor, options: ReduceOptions = {}): Tensor {
  return reduce('sum', x, options, { initial: 0, step: (a, v) => a + v, finish: (a) => a }, x.dtype === 'f32' ? 'f32' : 's32');
}

/**
 * Mean over axes, accumulated in float64; the result is always `'f32'`.
 *
 * @example
 * ```ts
 * import { mean, tensor } from '@qaxon/tensor';
 * mean(tensor([[1, 2], [3, 4]])).toArray(); // 2.5
 * ```
 */
export function mean(x: Tensor, options: ReduceOptions = {}): Tensor<'f32'> {
  requireNonEmpty('mean', x, options);
  return reduce('mean', x, options, { initial: 0, step: (a, v) => a + v, finish: (a, n) => a / n }, 'f32') as Tensor<'f32'>;
}

/**
 * Minimum over axes (same dtype as the input). NaN propagates. Empty axes are an error.
 *
 * @example
 * ```ts
 * import { min, tensor } from '@qaxon/tensor';
 * min(tensor([[1, -2], [3, 4]]), { axes: [0] }).toArray(); // [1, -2]
 * ```
 */
export function min<D extends DType>(x: Tensor<D>, options: ReduceOptions = {}): Tensor<D> {
  requireNonEmpty('min', x, options);
  return reduce('min', x, options, { initial: Infinity, step: (a, v) => (v < a || Number.isNaN(v) ? v : a), finish: (a) => a }, x.dtype) as Tensor<D>;
}

/**
 * Maximum over axes (same dtype as the input). NaN propagates. Empty axes are an error.
 *
 * @example
 * ```ts
 * import { max, tensor } from '@qaxon/tensor';
 * max(tensor([[1, -2], [3, 4]]), { axes: [1] }).toArray(); // [1, 4]
 * ```
 */
export function max<D extends DType>(x: Tensor<D>, options: ReduceOptions = {}): Tensor<D> {
  requireNonEmpty('max', x, options);
  return reduce('max', x, options, { initial: -Infinity, step: (a, v) => (v > a || Number.isNaN(v) ? v : a), finish: (a) => a }, x.dtype) as Tensor<D>;
}
