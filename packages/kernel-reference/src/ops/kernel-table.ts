import type { Handle, KernelTable, Tensor } from '@qaxon/tensor';
import { attentionOp } from './attention.js';
import { binaryOp } from './binary.js';
import { denseOp, quantizedDenseOp } from './dense.js';
import { withDenseActivation } from './dense-activation.js';
import { dynamicQuantizedDenseOp } from './dynamic-quantized-dense.js';
import { gatherOp } from './gather.js';
import { concatenateOp, reshapeOp, sliceOp, transposeOp } from './layout.js';
import { matMulOp } from './mat-mul.js';
import { layerNormOp, rmsNormOp } from './norms.js';
import { ropeOp } from './rope.js';
import { softmaxOp } from './softmax.js';
import { unaryOp } from './unary.js';

/**
 * Every op of the op table on the reference backend, given how the backend wraps a result
 * tensor in one of its handles.
 */
export function referenceKernels(output: (value: Tensor) => Handle): KernelTable {
  return {
    dense: (inputs, attrs) => output(withDenseActivation('dense', denseOp(inputs), attrs)),
    quantizedDense: (inputs, attrs) => output(withDenseActivation('quantizedDense', quantizedDenseOp(inputs), attrs)),
    matMul: (inputs, attrs) => output(matMulOp(inputs, attrs)),
    add: (inputs) => output(binaryOp('add', inputs)),
    subtract: (inputs) => output(binaryOp('subtract', inputs)),
    multiply: (inputs) => output(binaryOp('multiply', inputs)),
    divide: (inputs) => output(binaryOp('divide', inputs)),
    relu: (inputs) => output(unaryOp('relu', inputs, {})),
    sigmoid: (inputs) => output(unaryOp('sigmoid', inputs, {})),
    tanh: (inputs) => output(unaryOp('tanh', inputs, {})),
    gelu: (inputs) => output(unaryOp('gelu', inputs, {})),
    geluTanh: (inputs) => output(unaryOp('geluTanh', inputs, {})),
    silu: (inputs) => output(unaryOp('silu', inputs, {})),
    exp: (inputs) => output(unaryOp('exp', inputs, {})),
    leakyRelu: (inputs, attrs) => output(unaryOp('leakyRelu', inputs, attrs)),
    softmax: (inputs, attrs) => output(softmaxOp('softmax', inputs, attrs)),
    logSoftmax: (inputs, attrs) => output(softmaxOp('logSoftmax', inputs, attrs)),
    layerNorm: (inputs, attrs) => output(layerNormOp(inputs, attrs)),
    rmsNorm: (inputs, attrs) => output(rmsNormOp(inputs, attrs)),
    gather: (inputs) => output(gatherOp(inputs)),
    reshape: (inputs, attrs) => output(reshapeOp(inputs, attrs)),
    transpose: (inputs, attrs) => output(transposeOp(inputs, attrs)),
    concatenate: (inputs, attrs) => output(concatenateOp(inputs, attrs)),
    slice: (inputs, attrs) => output(sliceOp(inputs, attrs)),
    attention: (inputs, attrs) => output(attentionOp(inputs, attrs)),
    rope: (inputs, attrs) => output(ropeOp(inputs, attrs)),
    dynamicQuantizedDense: (inputs, attrs) => output(withDenseActivation('dynamicQuantizedDense', dynamicQuantizedDenseOp(inputs), attrs)),
  };
}
