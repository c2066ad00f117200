import {
  Tensor,
  concatenate,
  concatenateAxis,
  reshapeShape,
  slice,
  sliceBounds,
  transpose,
  transposePermutation,
  type OpAttrs,
  type OpInputs,
} from '@qaxon/tensor';
import { tensorOf } from './host-values.js';

/** `reshape`: the same elements in a new shape (a copy, so handles never share data). */
export function reshapeOp({ x }: OpInputs<'reshape'>, attrs: OpAttrs<'reshape'>): Tensor {
  const value = tensorOf(x);
  return new Tensor(value.data.slice(), reshapeShape(x.shape, attrs.shape), value.dtype);
}

/** `transpose`: output axis `i` is input axis `permutation[i]`. */
export function transposeOp({ x }: OpInputs<'transpose'>, attrs: OpAttrs<'transpose'>): Tensor {
  return transpose(tensorOf(x), transposePermutation(x.shape, attrs.permutation));
}

/** `concatenate`: the inputs one after another along `axis`. */
export function concatenateOp({ xs }: OpInputs<'concatenate'>, attrs: OpAttrs<'concatenate'>): Tensor {
  return concatenate(xs.map(tensorOf), concatenateAxis(xs, attrs.axis));
}

/** `slice`: `size[i]` entries from `begin[i]` on each axis (`-1`: to the end). */
export function sliceOp({ x }: OpInputs<'slice'>, attrs: OpAttrs<'slice'>): Tensor {
  const { begin, size } = sliceBounds(x.shape, attrs.begin, attrs.size);
  return slice(tensorOf(x), begin, size);
}
