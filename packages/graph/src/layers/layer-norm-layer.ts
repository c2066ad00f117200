import { formatShape, type Handle } from '@qaxon/tensor';
import { InputError, ParameterError } from '../errors.js';
import { layerLabel, type OpLayerImplementation } from './layer-implementation.js';

function parameter(parameters: Readonly<Record<string, Handle>>, name: string, label: string): Handle {
  const value = parameters[name];
  if (value === undefined || value.dtype !== 'f32' || value.quantization !== undefined) {
    throw new ParameterError(`${label}: expected parameter '${name}' to be an f32 tensor, got ${value === undefined ? 'nothing' : `dtype '${value.dtype}'`}`);
  }
  return value;
}

/**
 * The `layerNorm` layer: one `layerNorm` op call (mean and population variance along the
 * last axis, `y = (x - mean) / sqrt(variance + epsilon) · gamma + beta`) with the node's
 * `gamma`, `beta` and `opts.epsilon` (1e-5 by default).
 *
 * @example
 * ```ts
 * import { layerNormLayer } from '@qaxon/graph/internals';
 * console.log(typeof layerNormLayer.predict); // function
 * ```
 */
export const layerNormLayer: OpLayerImplementation = {
  outputShape(inputShapes, context) {
    const x = inputShapes[0];
    if (inputShapes.length !== 1 || x === undefined) throw new InputError(`${layerLabel(context)}: expected exactly 1 input, got ${inputShapes.length}`);
    if (x.length === 0) throw new InputError(`${layerLabel(context)}: expected an input of rank >= 1, got ${formatShape(x)}`);
    return x;
  },
  predict([x], parameters, context) {
    const label = layerLabel(context);
    const eps = (context.node.opts['epsilon'] as number | undefined) ?? 1e-5;
    return context.run('layerNorm', { x: x!, gamma: parameter(parameters, 'gamma', label), beta: parameter(parameters, 'beta', label) }, { eps });
  },
};
