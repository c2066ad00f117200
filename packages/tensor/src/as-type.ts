import { allocate, assertDType, integerRange, type DType } from './dtype.js';
import { ValueError } from './errors.js';
import { Tensor } from './tensor.js';

/**
 * Converts a tensor to another dtype.
 *
 * - to `'f32'`: each value rounded to the nearest float32 (integers up to 2^24 are exact);
 * - to `'s8'` / `'s32'`: fractional values are **truncated toward zero** (as Nx's
 *   `as_type` and C casts do) and then **saturated** to the type's range
 *   (`s8`: [-128, 127]; `s32`: [-2^31, 2^31 - 1]), so 300 becomes 127 and -1e10 becomes
 *   -2^31; NaN cannot be represented and is an error naming its index.
 *
 * The result is always a new tensor, even when the dtype does not change.
 *
 * @example
 * ```ts
 * import { asType, tensor } from '@qaxon/tensor';
 * asType(tensor([1.9, -1.9, 300, -300]), 's8').toArray(); // [1, -1, 127, -128]
 * ```
 */
export function asType<D extends DType>(x: Tensor, dtype: D): Tensor<D> {
  assertDType(dtype, 'asType');
  const out = allocate(dtype, x.size);
  if (dtype === 'f32' || x.dtype === dtype) {
    out.set(x.data);
    return new Tensor(out, x.shape, dtype);
  }
  const { min, max } = integerRange(dtype as 's8' | 's32');
  for (let i = 0; i < x.size; i++) {
    const value = x.data[i]!;
    if (Number.isNaN(value)) {
      throw new ValueError(`asType: cannot convert NaN at flat index ${i} to '${dtype}'`);
    }
    const truncated = Math.trunc(value);
    out[i] = truncated < min ? min : truncated > max ? max : truncated;
  }
  return new Tensor(out, x.shape, dtype);
}
