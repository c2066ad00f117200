import { Tensor, dynamicQuantizedDenseDimensions, type OpInputs, type QTensor } from '@qaxon/tensor';
import { dynamicQuantizedDenseS8 } from '../impl/dynamic-quantized-dense-s8.js';
import { f32Of, valueOf } from './host-values.js';

/**
 * `dynamicQuantizedDense` (W8A8): each row of `x` quantized to int8 at run time, int8 x
 * int8 summed exactly, scaled once per output (`dynamicQuantizedDenseS8` is the contract).
 */
export function dynamicQuantizedDenseOp({ x, kernel, bias }: OpInputs<'dynamicQuantizedDense'>): Tensor {
  const { rows, inner, units, outputShape } = dynamicQuantizedDenseDimensions({ x, kernel, bias });
  const q = valueOf(kernel) as QTensor;
  // unpackedValues: s4 kernels are packed two per byte; 8-bit ones are returned as they are.
  const out = dynamicQuantizedDenseS8(f32Of(x), rows, inner, q.unpackedValues().data, q.scale.data, q.zeroPoint.data as Int8Array | undefined, units, bias === undefined ? undefined : f32Of(bias));
  return new Tensor(out, outputShape, 'f32');
}
