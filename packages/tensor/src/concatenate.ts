import { allocate, type DType } from './dtype.js';
import { DTypeError, ShapeError, ValueError } from './errors.js';
import { formatShape, normalizeAxis, sizeOf } from './shape.js';
import { Tensor } from './tensor.js';

/**
 * Joins tensors of one dtype along an existing axis (default 0); every other axis must
 * match.
 *
 * @example
 * ```ts
 * import { concatenate, tensor } from '@qaxon/tensor';
 * concatenate([tensor([[1, 2]]), tensor([[3, 4]])], 0).toArray(); // [[1, 2], [3, 4]]
 * concatenate([tensor([[1], [2]]), tensor([[3], [4]])], -1).toArray(); // [[1, 3], [2, 4]]
 * ```
 */
export function concatenate<D extends DType>(tensors: readonly Tensor<D>[], axis = 0): Tensor<D> {
  if (!Array.isArray(tensors) || tensors.length === 0) {
    throw new ValueError('concatenate: expected a non-empty array of tensors, got none');
  }
  const first = tensors[0]!;
  if (first.rank === 0) throw new ShapeError('concatenate: expected tensors of rank >= 1, got a scalar at index 0');
  const along = normalizeAxis(axis, first.rank, 'concatenate');
  tensors.forEach((t, i) => {
    if (!(t instanceof Tensor)) throw new ValueError(`concatenate: expected a Tensor at index ${i}`);
    if (t.dtype !== first.dtype) {
      throw new DTypeError(`concatenate: expected every tensor to be '${first.dtype}' like index 0, got '${t.dtype}' at index ${i}`);
    }
    const fits = t.rank === first.rank && t.shape.every((d, a) => a === along || d === first.shape[a]);
    if (!fits) {
      throw new ShapeError(
        `concatenate: tensor ${i} has shape ${formatShape(t.shape)}, which does not match ${formatShape(first.shape)} except on axis ${along}`,
      );
    }
  });
  const outShape = [...first.shape];
  outShape[along] = tensors.reduce((total, t) => total + t.shape[along]!, 0);
  const out = allocate(first.dtype, sizeOf(outShape));
  const outer = sizeOf(first.shape.slice(0, along));
  const inner = sizeOf(first.shape.slice(along + 1));
  const outRow = outShape[along]! * inner;
  let offset = 0;
  for (const t of tensors) {
    const chunk = t.shape[along]! * inner;
    for (let o = 0; o < outer; o++) {
      out.set(t.data.subarray(o * chunk, (o + 1) * chunk), o * outRow + offset);
    }
    offset += chunk;
  }
  return new Tensor(out, outShape, first.dtype);
}
