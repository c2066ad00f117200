import { formatShape, type Handle, type Shape } from '@qaxon/tensor';
import { InputError, ParameterError } from '../errors.js';
import { layerLabel, type OpLayerImplementation, type ShapeContext } from './layer-implementation.js';

/** A norm's parameter `name`: absent (when optional), or an f32 tensor. */
function normParameter(parameters: Readonly<Record<string, Handle>>, name: string, optional: boolean, label: string): Handle | undefined {
  const value = parameters[name];
  if (value === undefined && optional) return undefined;
  if (value === undefined || value.dtype !== 'f32' || value.quantization !== undefined) {
    throw new ParameterError(`${label}: expected parameter '${name}' to be an f32 tensor, got ${value === undefined ? 'nothing' : `dtype '${value.dtype}'`}`);
  }
  return value;
}

/** Output shape of a norm: its one input's shape (rank >= 1). */
function normShape(inputShapes: readonly Shape[], context: ShapeContext): Shape {
  const x = inputShapes[0];
  if (inputShapes.length !== 1 || x === undefined) throw new InputError(`${layerLabel(context)}: expected exactly 1 input, got ${inputShapes.length}`);
  if (x.length === 0) throw new InputError(`${layerLabel(context)}: expected an input of rank >= 1, got ${formatShape(x)}`);
  return x;
}

function epsilonOf(context: ShapeContext): number {
  return (context.node.opts['epsilon'] as number | undefined) ?? 1e-5;
}

/**
 * The `layerNorm` layer: one `layerNorm` op call (mean and population variance along the
 * last axis, `y = (x - mean) / sqrt(variance + epsilon) · gamma + beta`) with the node's
 * `gamma`, `beta` (absent for `bias: false`) and `opts.epsilon` (1e-5 by default).
 *
 * @example
 * ```ts
 * import { layerNormLayer } from '@qaxon/graph/internals';
 * console.log(typeof layerNormLayer.predict); // function
 * ```
 */
export const layerNormLayer: OpLayerImplementation = {
  outputShape: normShape,
  predict([x], parameters, context) {
    const label = layerLabel(context);
    const gamma = normParameter(parameters, 'gamma', false, label)!;
    const hasBeta = context.node.parameters.some((parameter) => parameter.name === 'beta');
    const beta = normParameter(parameters, 'beta', !hasBeta, label);
    return context.run('layerNorm', beta === undefined ? { x: x!, gamma } : { x: x!, gamma, beta }, { eps: epsilonOf(context) });
  },
};

/**
 * The `rmsNorm` layer: one `rmsNorm` op call along the last axis,
 * `y = x / sqrt(mean(x²) + epsilon) · gamma`, with the node's `gamma` and `opts.epsilon`.
 *
 * @example
 * ```ts
 * import { BUILT_IN_LAYERS } from '@qaxon/graph';
 * console.log('rmsNorm' in BUILT_IN_LAYERS); // true
 * ```
 */
export const rmsNormLayer: OpLayerImplementation = {
  outputShape: normShape,
  predict([x], parameters, context) {
    const gamma = normParameter(parameters, 'gamma', false, layerLabel(context))!;
    return context.run('rmsNorm', { x: x!, gamma }, { eps: epsilonOf(context) });
  },
};
