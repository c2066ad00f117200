import { ACTIVATION_NAMES, applyActivation, type ActivationName, type ActivationOptions } from '../activations/table.js';
import { InputError } from '../errors.js';
import { layerLabel, type LayerImplementation } from './layer-implementation.js';

/**
 * The layer implementation of one activation: same output shape as its single input,
 * values from {@link applyActivation} (with the node's opts, e.g. `alpha`).
 *
 * @example
 * ```ts
 * import { activationLayer } from '@qaxon/graph';
 * const gelu = activationLayer('gelu');
 * ```
 */
export function activationLayer(name: ActivationName): LayerImplementation {
  return {
    outputShape(inputShapes, context) {
      if (inputShapes.length !== 1) throw new InputError(`${layerLabel(context)}: expected exactly 1 input, got ${inputShapes.length}`);
      return inputShapes[0]!;
    },
    predict([x], _parameters, context) {
      return applyActivation(name, x!, context.node.opts as ActivationOptions);
    },
  };
}

/**
 * Every activation's layer implementation by op name.
 *
 * @example
 * ```ts
 * import { ACTIVATION_LAYERS } from '@qaxon/graph';
 * console.log(Object.keys(ACTIVATION_LAYERS).length); // 7
 * ```
 */
export const ACTIVATION_LAYERS: Readonly<Record<ActivationName, LayerImplementation>> = Object.freeze(
  Object.fromEntries(ACTIVATION_NAMES.map((name) => [name, activationLayer(name)])) as Record<ActivationName, LayerImplementation>,
);
