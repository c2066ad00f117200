import { QTensor, Tensor, formatShape, type DenseBias, type Shape } from '@qaxon/tensor';
import { InputError, LayerOptionError, ParameterError } from '../errors.js';
import type { ParameterValue } from '../model.js';
import { layerLabel, type LayerImplementation, type ShapeContext } from './layer-implementation.js';

/**
 * The output shape of a dense-like layer: `[..., in] -> [..., units]`, `units` read from
 * the node's opts. Shared by `dense` and `quantizedDense`.
 *
 * @example
 * ```ts
 * import { dense, denseOutputShape, input } from '@qaxon/graph';
 * const model = dense(input('x'), 3);
 * console.log(denseOutputShape([[2, 5]], { name: 'dense_0', node: model.nodes[model.output]! })); // [2, 3]
 * ```
 */
export function denseOutputShape(inputShapes: readonly Shape[], context: ShapeContext): Shape {
  const units = context.node.opts['units'];
  if (typeof units !== 'number' || !Number.isSafeInteger(units) || units <= 0) {
    throw new LayerOptionError(`${layerLabel(context)}: expected opts.units to be a positive integer, got ${String(units)}`);
  }
  const x = inputShapes[0];
  if (inputShapes.length !== 1 || x === undefined) {
    throw new InputError(`${layerLabel(context)}: expected exactly 1 input, got ${inputShapes.length}`);
  }
  if (x.length === 0) throw new InputError(`${layerLabel(context)}: expected an input of rank >= 1 [..., in], got a scalar (shape [])`);
  return [...x.slice(0, -1), units];
}

/**
 * Checks the input of a dense-like layer against its kernel: f32, rank >= 1, last axis
 * equal to the kernel's `in`.
 *
 * @example
 * ```ts
 * import { ones } from '@qaxon/tensor';
 * import { checkDenseInput, dense, input } from '@qaxon/graph';
 * const model = dense(input('x'), 3);
 * checkDenseInput(ones([1, 4]), [4, 3], { name: 'dense_0', node: model.nodes[model.output]! });
 * ```
 */
export function checkDenseInput(x: Tensor | undefined, kernelShape: Shape, context: ShapeContext): Tensor<'f32'> {
  if (!(x instanceof Tensor) || x.dtype !== 'f32') {
    throw new InputError(`${layerLabel(context)}: expected an f32 input tensor, got ${x instanceof Tensor ? `dtype '${x.dtype}'` : String(x)}`);
  }
  const inFeatures = kernelShape[0]!;
  if (x.rank === 0 || x.shape[x.rank - 1] !== inFeatures) {
    throw new InputError(
      `${layerLabel(context)}: the input does not fit the kernel ${formatShape(kernelShape)}: expected an input of shape [..., ${inFeatures}], got ${formatShape(x.shape)}`,
    );
  }
  return x as Tensor<'f32'>;
}

/**
 * The bias of a dense-like layer: its f32 tensor when the layer has one, else `undefined`.
 *
 * @example
 * ```ts
 * import { zeros } from '@qaxon/tensor';
 * import { denseBiasOf, dense, input } from '@qaxon/graph';
 * const model = dense(input('x'), 3);
 * const bias = denseBiasOf({ bias: zeros([3]) }, { name: 'dense_0', node: model.nodes[model.output]! });
 * ```
 */
export function denseBiasOf(parameters: Readonly<Record<string, ParameterValue>>, context: ShapeContext): DenseBias {
  const bias = parameters['bias'];
  if (bias === undefined) return undefined;
  if (!(bias instanceof Tensor) || bias.dtype !== 'f32') {
    throw new ParameterError(`${layerLabel(context)}: expected parameter 'bias' to be an f32 tensor, got ${bias instanceof QTensor ? 'a QTensor' : `dtype '${bias.dtype}'`}`);
  }
  return bias as Tensor<'f32'>;
}

/**
 * The `dense` op: `y = x · kernel + bias` through the backend's `dense` kernel. A
 * `QTensor` kernel is refused here (that is the `quantizedDense` op's job).
 *
 * @example
 * ```ts
 * import { denseLayer } from '@qaxon/graph';
 * console.log(typeof denseLayer.predict); // function
 * ```
 */
export const denseLayer: LayerImplementation = {
  outputShape: denseOutputShape,
  predict([x], parameters, context) {
    const kernel = parameters['kernel'];
    if (kernel instanceof QTensor) {
      throw new ParameterError(
        `${layerLabel(context)}: expected parameter 'kernel' to be an f32 tensor, got a QTensor ${formatShape(kernel.shape)}; a quantized kernel needs the quantizedDense op (quantize the model too, not only the state)`,
      );
    }
    if (!(kernel instanceof Tensor) || kernel.dtype !== 'f32') {
      throw new ParameterError(`${layerLabel(context)}: expected parameter 'kernel' to be an f32 tensor, got ${kernel === undefined ? 'nothing' : `dtype '${kernel.dtype}'`}`);
    }
    const input = checkDenseInput(x, kernel.shape, context);
    return context.backend.dense(input, kernel as Tensor<'f32'>, denseBiasOf(parameters, context));
  },
};
