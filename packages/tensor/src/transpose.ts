import { allocate, type DType } from './dtype.js';
import { ShapeError } from './errors.js';
import { formatShape, sizeOf, stridesOf } from './shape.js';
import { Tensor } from './tensor.js';

/**
 * Permutes the axes: output axis `i` is input axis `axes[i]`. Without `axes` the order is
 * reversed (a matrix transpose for rank 2). Always copies into row-major order.
 *
 * @example
 * ```ts
 * import { transpose, tensor } from '@qaxon/tensor';
 * const t = transpose(tensor([[1, 2, 3], [4, 5, 6]])); // [[1, 4], [2, 5], [3, 6]]
 * ```
 */
export function transpose<D extends DType>(x: Tensor<D>, axes?: readonly number[]): Tensor<D> {
  const rank = x.rank;
  const permutation = axes ? [...axes] : [...Array(rank).keys()].reverse();
  const seen = new Set<number>();
  if (permutation.length !== rank) {
    throw new ShapeError(`transpose: expected ${rank} axes for shape ${formatShape(x.shape)}, got [${permutation.join(', ')}]`);
  }
  permutation.forEach((axis, i) => {
    if (!Number.isInteger(axis) || axis < 0 || axis >= rank || seen.has(axis)) {
      throw new ShapeError(`transpose: expected a permutation of 0..${rank - 1}, got [${permutation.join(', ')}] (bad entry at position ${i})`);
    }
    seen.add(axis);
  });
  const outShape = permutation.map((axis) => x.shape[axis]!);
  const inStrides = stridesOf(x.shape);
  const strideForOut = permutation.map((axis) => inStrides[axis]!);
  const out = allocate(x.dtype, sizeOf(outShape));
  const index = new Array<number>(rank).fill(0);
  let source = 0;
  for (let flat = 0; flat < out.length; flat++) {
    out[flat] = x.data[source]!;
    // Advance the output multi-index like an odometer, tracking the input offset.
    for (let axis = rank - 1; axis >= 0; axis--) {
      index[axis]!++;
      source += strideForOut[axis]!;
      if (index[axis]! < outShape[axis]!) break;
      source -= strideForOut[axis]! * outShape[axis]!;
      index[axis] = 0;
    }
  }
  return new Tensor(out, outShape, x.dtype);
}
