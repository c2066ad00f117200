import { formatShape, type Handle, type MaybePromise, type Shape } from '@qaxon/tensor';
import { InputError, LayerOptionError, ParameterError } from '../errors.js';
import { layerLabel, type LayerContext, type OpLayerImplementation, type ShapeContext } from './layer-implementation.js';

/**
 * The output shape of a dense-like layer: `[..., in] -> [..., units]`, `units` read from
 * the node's opts. Shared by `dense` and `quantizedDense`.
 *
 * @example
 * ```ts
 * import { dense, input } from '@qaxon/graph';
 * import { denseOutputShape } from '@qaxon/graph/internals';
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
 * The `dense` op's inputs from a dense-like layer's parameters: the kernel (checked to be
 * quantized or not, as `quantized` asks, with a message naming the layer and the fix) and
 * the bias when the layer has one.
 *
 * @example
 * ```ts
 * import { referenceBackend } from '@qaxon/kernel-reference';
 * import { ones, zeros } from '@qaxon/tensor';
 * import { dense, input } from '@qaxon/graph';
 * import { denseWeights } from '@qaxon/graph/internals';
 * const model = dense(input('x'), 3);
 * const parameters = { kernel: referenceBackend.upload(ones([4, 3])), bias: referenceBackend.upload(zeros([3])) };
 * const { kernel, bias } = denseWeights(parameters, false, { name: 'dense_0', node: model.nodes[model.output]! });
 * ```
 */
export function denseWeights(
  parameters: Readonly<Record<string, Handle>>,
  quantized: boolean,
  context: ShapeContext,
): {
  /** The kernel `[in, units]`. */
  kernel: Handle;
  /** The bias `[units]`, when the layer has one. */
  bias?: Handle;
} {
  const kernel = parameters['kernel'];
  if (kernel === undefined) throw new ParameterError(`${layerLabel(context)}: expected parameter 'kernel', got nothing`);
  if (quantized && kernel.quantization === undefined) {
    throw new ParameterError(
      `${layerLabel(context)}: expected parameter 'kernel' to be a QTensor (int8 values and per-channel scales), got a plain ${kernel.dtype} tensor ${formatShape(kernel.shape)}; quantize the state as well (e.g. QTensor.fromTensor, or quantizeModelState from @qaxon/quantization)`,
    );
  }
  if (!quantized && kernel.quantization !== undefined) {
    throw new ParameterError(
      `${layerLabel(context)}: expected parameter 'kernel' to be an f32 tensor, got a QTensor ${formatShape(kernel.shape)}; a quantized kernel needs the quantizedDense op (quantize the model too, not only the state)`,
    );
  }
  if (!quantized && kernel.dtype !== 'f32') throw new ParameterError(`${layerLabel(context)}: expected parameter 'kernel' to be an f32 tensor, got dtype '${kernel.dtype}'`);
  const bias = parameters['bias'];
  if (bias !== undefined && bias.dtype !== 'f32') throw new ParameterError(`${layerLabel(context)}: expected parameter 'bias' to be an f32 tensor, got dtype '${bias.dtype}'`);
  return bias === undefined ? { kernel } : { kernel, bias };
}

/** Runs a dense-like layer as one `dense`, `quantizedDense` or `dynamicQuantizedDense` op call. */
function runDense(op: 'dense' | 'quantizedDense', x: Handle | undefined, parameters: Readonly<Record<string, Handle>>, context: LayerContext): MaybePromise<Handle> {
  if (x === undefined) throw new InputError(`${layerLabel(context)}: expected exactly 1 input, got none`);
  const weights = denseWeights(parameters, op === 'quantizedDense', context);
  if (op === 'quantizedDense' && context.node.opts['dynamicActivations'] === true) return context.run('dynamicQuantizedDense', { x, ...weights }, {});
  return context.run(op, { x, ...weights }, {});
}

/**
 * The `dense` layer: `y = x · kernel + bias`, one `dense` op call. A quantized kernel is
 * refused here (that is the `quantizedDense` layer's job).
 *
 * @example
 * ```ts
 * import { denseLayer } from '@qaxon/graph/internals';
 * console.log(typeof denseLayer.predict); // 'function'
 * ```
 */
export const denseLayer: OpLayerImplementation = {
  outputShape: denseOutputShape,
  predict: ([x], parameters, context) => runDense('dense', x, parameters, context),
};

/**
 * The `quantizedDense` layer: a dense layer whose kernel is a weight-only int8 `QTensor`,
 * one `quantizedDense` op call (`y = scale · (x · int8 kernel) + bias`); with
 * `opts.dynamicActivations === true`, one `dynamicQuantizedDense` call instead (W8A8: the
 * rows of `x` quantized to int8 at run time).
 *
 * @example
 * ```ts
 * import { quantizedDenseLayer } from '@qaxon/graph/internals';
 * console.log(typeof quantizedDenseLayer.predict); // 'function'
 * ```
 */
export const quantizedDenseLayer: OpLayerImplementation = {
  outputShape: denseOutputShape,
  predict: ([x], parameters, context) => runDense('quantizedDense', x, parameters, context),
};
