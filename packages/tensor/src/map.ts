import { allocate, type DType } from './dtype.js';
import { ValueError } from './errors.js';
import { Tensor } from './tensor.js';

/**
 * Applies `fn(value, flatIndex)` to every element; the result keeps the dtype (values are
 * stored as the typed array stores them: float32 rounding, integer wrap-around).
 *
 * @example
 * ```ts
 * import { map, tensor } from '@qaxon/tensor';
 * const relu = map(tensor([-1, 2]), (v) => Math.max(v, 0)); // [0, 2]
 * ```
 */
export function map<D extends DType>(x: Tensor<D>, fn: (value: number, index: number) => number): Tensor<D> {
  if (typeof fn !== 'function') throw new ValueError(`map: expected a function, got ${typeof fn}`);
  const out = allocate(x.dtype, x.size);
  const data = x.data;
  for (let i = 0; i < out.length; i++) out[i] = fn(data[i]!, i);
  return new Tensor(out, x.shape, x.dtype);
}
