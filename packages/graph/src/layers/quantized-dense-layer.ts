import { QTensor, Tensor, formatShape } from '@qaxon/tensor';
import { ParameterError } from '../errors.js';
import { checkDenseInput, denseBiasOf, denseOutputShape } from './dense-layer.js';
import { layerLabel, type LayerImplementation } from './layer-implementation.js';

/**
 * The `quantizedDense` op: weight-only int8 dense,
 * `y[m][n] = scale[n] · Σ_k x[m][k] · value[k][n] + bias[n]`, through the backend's
 * `quantizedDense` kernel, which reads the int8 values directly. The `kernel` parameter
 * must be a `QTensor`; a plain f32 tensor there (a quantized model run with an unquantized
 * state) is a `ParameterError` naming the layer. Nodes with this op usually keep
 * `opName: 'dense'`, so they are still named and reported as dense layers.
 *
 * @example
 * ```ts
 * import { quantizedDenseLayer } from '@qaxon/graph';
 * console.log(typeof quantizedDenseLayer.outputShape); // function
 * ```
 */
export const quantizedDenseLayer: LayerImplementation = {
  outputShape: denseOutputShape,
  predict([x], parameters, context) {
    const kernel = parameters['kernel'];
    if (!(kernel instanceof QTensor)) {
      const given = kernel instanceof Tensor ? `a plain ${kernel.dtype} tensor ${formatShape(kernel.shape)}` : 'nothing';
      throw new ParameterError(
        `${layerLabel(context)}: expected parameter 'kernel' to be a QTensor (int8 values and per-channel scales), got ${given}; quantize the state as well (e.g. QTensor.fromTensor, or quantizeModelState from @qaxon/quantization)`,
      );
    }
    const input = checkDenseInput(x, kernel.shape, context);
    return context.backend.quantizedDense(input, kernel, denseBiasOf(parameters, context));
  },
};
