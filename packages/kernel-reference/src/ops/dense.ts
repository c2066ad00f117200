import { Tensor, denseDimensions, type OpInputs, type QTensor } from '@qaxon/tensor';
import { denseF32 } from '../impl/dense-f32.js';
import { quantizedDenseS8 } from '../impl/quantized-dense-s8.js';
import { quantizedDenseGrouped } from '../impl/quantized-dense-grouped.js';
import { quantizedDenseS4 } from '../impl/quantized-dense-s4.js';
import { f32Of, valueOf } from './host-values.js';

/** `dense`: the dot in float64 rounded once to float32, then the bias added and rounded (Axon 0.8.1). */
export function denseOp({ x, kernel, bias }: OpInputs<'dense'>): Tensor {
  const { rows, inner, units, outputShape } = denseDimensions('dense', { x, kernel, bias });
  const out = denseF32(f32Of(x), rows, inner, f32Of(kernel), units, bias === undefined ? undefined : f32Of(bias));
  return new Tensor(out, outputShape, 'f32');
}

/**
 * `quantizedDense`. Per output channel (Axon 0.8.1, bit-exact): `Σ x·(q - zeroPoint)` in
 * float64, rounded, times the scale, rounded, plus the bias (`quantizedDenseS8`). Group-wise
 * (scales `[groups, units]`): each group's sum in float64 rounded, times that group's scale,
 * rounded; the partials summed in float64 and rounded once; plus the bias
 * (`quantizedDenseGrouped`, which documents the exact order). 4-bit kernels are read packed,
 * in the same order (`quantizedDenseS4`; their last group may be shorter).
 */
export function quantizedDenseOp({ x, kernel, bias }: OpInputs<'quantizedDense'>): Tensor {
  const { rows, inner, units, outputShape } = denseDimensions('quantizedDense', { x, kernel, bias });
  const q = valueOf(kernel) as QTensor;
  const biasData = bias === undefined ? undefined : f32Of(bias);
  if (q.bits === 4) {
    // Packed bytes, read in place (the oracle of the s4 kernels).
    const zeroPoints = q.quantization.symmetric ? undefined : q.zeroPoint.data;
    const out = quantizedDenseS4(f32Of(x), rows, inner, q.value.data, q.scale.data, zeroPoints, units, q.groupSize, biasData);
    return new Tensor(out, outputShape, 'f32');
  }
  const out =
    q.groupSize === undefined
      ? quantizedDenseS8(f32Of(x), rows, inner, q.value.data, q.scale.data, q.zeroPoint.data, units, biasData)
      : quantizedDenseGrouped(f32Of(x), rows, inner, q.value.data, q.scale.data, q.zeroPoint.data, units, q.groupSize, biasData);
  return new Tensor(out, outputShape, 'f32');
}
