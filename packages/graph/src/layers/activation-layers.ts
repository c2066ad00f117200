import { describeValue, type Handle, type MaybePromise } from '@qaxon/tensor';
import { ACTIVATION_NAMES, type ActivationName, type ActivationOptions } from '../activations/table.js';
import { InputError, LayerOptionError } from '../errors.js';
import { layerLabel, type LayerContext, type OpLayerImplementation } from './layer-implementation.js';

/**
 * Runs activation `name` on `x` as one op call: the unary ops as they are, `softmax` and
 * `logSoftmax` along the node's `axis` (the last by default), `leakyRelu` with the node's
 * `alpha` (0.01 by default).
 *
 * @example
 * ```ts
 * import type { Handle } from '@qaxon/tensor';
 * import { type LayerContext } from '@qaxon/graph';
 * import { runActivation } from '@qaxon/graph/internals';
 * const gelu = (x: Handle, context: LayerContext) => runActivation('gelu', x, {}, context);
 * ```
 */
export function runActivation(name: ActivationName, x: Handle, options: ActivationOptions, context: LayerContext): MaybePromise<Handle> {
  switch (name) {
    case 'softmax':
    case 'logSoftmax': {
      const axis = options.axis ?? -1;
      if (typeof axis !== 'number' || !Number.isSafeInteger(axis)) {
        throw new LayerOptionError(`${layerLabel(context)}: expected option axis to be an integer, got ${describeValue(axis)}`);
      }
      return context.run(name, { x }, { axis });
    }
    case 'leakyRelu': {
      const alpha = options.alpha ?? 0.01;
      if (typeof alpha !== 'number' || !Number.isFinite(alpha)) {
        throw new LayerOptionError(`${layerLabel(context)}: expected a finite alpha, got ${describeValue(alpha)}`);
      }
      return context.run('leakyRelu', { x }, { alpha });
    }
    default:
      return context.run(name, { x }, {});
  }
}

/**
 * The layer implementation of one activation: same output shape as its single input,
 * one op call of the same name (with the node's opts, e.g. `alpha`).
 *
 * @example
 * ```ts
 * import { activationLayer } from '@qaxon/graph/internals';
 * const gelu = activationLayer('gelu');
 * ```
 */
export function activationLayer(name: ActivationName): OpLayerImplementation {
  return {
    outputShape(inputShapes, context) {
      if (inputShapes.length !== 1) throw new InputError(`${layerLabel(context)}: expected exactly 1 input, got ${inputShapes.length}`);
      return inputShapes[0]!;
    },
    predict([x], _parameters, context) {
      return runActivation(name, x!, context.node.opts as ActivationOptions, context);
    },
  };
}

/**
 * Every activation's layer implementation by op name.
 *
 * @example
 * ```ts
 * import { ACTIVATION_LAYERS } from '@qaxon/graph/internals';
 * console.log(Object.keys(ACTIVATION_LAYERS)); // ['relu', 'sigmoid', 'tanh', 'softmax', 'logSoftmax', 'gelu', 'geluTanh', 'silu', 'leakyRelu']
 * ```
 */
export const ACTIVATION_LAYERS: Readonly<Record<ActivationName, OpLayerImplementation>> = Object.freeze(
  Object.fromEntries(ACTIVATION_NAMES.map((name) => [name, activationLayer(name)])) as Record<ActivationName, OpLayerImplementation>,
);
