import { allocate } from './dtype.js';
import { ShapeError } from './errors.js';
import { formatShape, normalizeAxis, sizeOf } from './shape.js';
import { Tensor } from './tensor.js';

/**
 * Options of {@link argMax}.
 *
 * @example
 * ```ts
 * import { argMax, tensor, type ArgMaxOptions } from '@qaxon/tensor';
 * const options: ArgMaxOptions = { keepAxis: true };
 * argMax(tensor([[1, 3], [4, 2]]), -1, options).toArray(); // [[1], [0]]
 * ```
 */
export interface ArgMaxOptions {
  /** Keep the reduced axis with size 1 (default false). */
  keepAxis?: boolean;
}

/**
 * The index of the largest element along `axis` (negative counts from the end), as an
 * `'s32'` tensor without that axis: `argMax(probabilities, -1)` gives each row's class.
 * Ties go to the first index, as in TF.js and NumPy; a NaN counts as the largest (the first
 * NaN wins), so a row that went NaN is not mistaken for a confident one. An empty axis is a
 * {@link ShapeError}.
 *
 * @example
 * ```ts
 * import { argMax, tensor } from '@qaxon/tensor';
 * const probabilities = tensor([[0.1, 0.7, 0.2], [0.5, 0.3, 0.2]]);
 * console.log(argMax(probabilities, -1).toArray()); // [1, 0]
 * console.log(argMax(probabilities, 0).toArray());  // [1, 0, 0]
 * ```
 */
export function argMax(x: Tensor, axis: number, options: ArgMaxOptions = {}): Tensor<'s32'> {
  const along = normalizeAxis(axis, x.rank, 'argMax');
  const length = x.shape[along]!;
  if (length === 0) throw new ShapeError(`argMax: axis ${axis} of shape ${formatShape(x.shape)} is empty, so it has no largest element`);
  const inner = sizeOf(x.shape.slice(along + 1));
  const outer = sizeOf(x.shape.slice(0, along));
  const out = allocate('s32', outer * inner);
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      const base = o * length * inner + i;
      let best = 0;
      let bestValue = x.data[base]!;
      for (let k = 1; k < length && !Number.isNaN(bestValue); k++) {
        const value = x.data[base + k * inner]!;
        if (value > bestValue || Number.isNaN(value)) {
          best = k;
          bestValue = value;
        }
      }
      out[o * inner + i] = best;
    }
  }
  const shape = options.keepAxis ? x.shape.map((dimension, index) => (index === along ? 1 : dimension)) : x.shape.filter((_, index) => index !== along);
  return new Tensor(out, shape, 's32');
}
