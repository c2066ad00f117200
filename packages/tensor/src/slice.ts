import { allocate, type DType } from './dtype.js';
import { ShapeError } from './errors.js';
import { formatShape, sizeOf, stridesOf } from './shape.js';
import { Tensor } from './tensor.js';

/**
 * A contiguous block of a tensor: `starts[i]` is the first index on axis `i` and
 * `lengths[i]` how many to take (as Nx's `slice`). Out-of-range blocks are an error rather
 * than clamped.
 *
 * @example
 * ```ts
 * import { slice, tensor } from '@qaxon/tensor';
 * slice(tensor([[1, 2, 3], [4, 5, 6]]), [0, 1], [2, 2]).toArray(); // [[2, 3], [5, 6]]
 * ```
 */
export function slice<D extends DType>(x: Tensor<D>, starts: readonly number[], lengths: readonly number[]): Tensor<D> {
  if (starts.length !== x.rank || lengths.length !== x.rank) {
    throw new ShapeError(
      `slice: expected ${x.rank} starts and lengths for shape ${formatShape(x.shape)}, got ${starts.length} starts and ${lengths.length} lengths`,
    );
  }
  for (let axis = 0; axis < x.rank; axis++) {
    const start = starts[axis]!;
    const length = lengths[axis]!;
    const dimension = x.shape[axis]!;
    if (!Number.isInteger(start) || !Number.isInteger(length) || start < 0 || length < 0 || start + length > dimension) {
      throw new ShapeError(
        `slice: axis ${axis} of shape ${formatShape(x.shape)} has ${dimension} entries; start ${start} with length ${length} does not fit`,
      );
    }
  }
  const outShape = [...lengths];
  const out = allocate(x.dtype, sizeOf(outShape));
  if (out.length === 0) return new Tensor(out, outShape, x.dtype);
  const strides = stridesOf(x.shape);
  const index = new Array<number>(x.rank).fill(0);
  let source = starts.reduce((offset, start, axis) => offset + start * strides[axis]!, 0);
  for (let i = 0; i < out.length; i++) {
    out[i] = x.data[source]!;
    for (let axis = x.rank - 1; axis >= 0; axis--) {
      index[axis]!++;
      source += strides[axis]!;
      if (index[axis]! < outShape[axis]!) break;
      source -= strides[axis]! * outShape[axis]!;
      index[axis] = 0;
    }
  }
  return new Tensor(out, outShape, x.dtype);
}
