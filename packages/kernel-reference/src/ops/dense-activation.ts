import { HostHandle, denseActivationCall, denseActivationOf, type DenseAttrs, type Tensor } from '@qaxon/tensor';
import { REFERENCE_NAME } from './host-values.js';
import { softmaxOp } from './softmax.js';
import { unaryOp } from './unary.js';

/**
 * A dense op's `activation` (see `DenseAttrs`) applied to its plain output `y`: the same
 * code as the `relu`, `sigmoid`, ..., `softmax` ops (softmax along the last axis), so the
 * fused op gives exactly the bits of the two ops run one after the other. `y` itself when
 * there is no activation.
 */
export function withDenseActivation(op: 'dense' | 'quantizedDense' | 'dynamicQuantizedDense', y: Tensor, attrs: DenseAttrs | undefined): Tensor {
  const activation = denseActivationOf(op, attrs);
  if (activation === undefined) return y;
  const call = denseActivationCall(activation);
  const x = new HostHandle(REFERENCE_NAME, y); // read in place by the op, never handed out
  return call.op === 'softmax' || call.op === 'logSoftmax' ? softmaxOp(call.op, { x }, call.attrs) : unaryOp(call.op, { x }, {});
}
