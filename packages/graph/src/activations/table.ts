import { describeValue, type Tensor } from '@qaxon/tensor';
import { LayerOptionError, UnknownActivationError } from '../errors.js';
import { geluMath } from './gelu.js';
import { leakyReluMath } from './leaky-relu.js';
import { reluMath } from './relu.js';
import { sigmoidMath } from './sigmoid.js';
import { siluMath } from './silu.js';
import { softmaxMath } from './softmax.js';
import { tanhMath } from './tanh.js';

/**
 * The activations `activation(x, name)` and `dense(x, units, {activation})` accept. Each
 * is also a builder of the same name (`relu(x)`, ...) and a layer op.
 *
 * @example
 * ```ts
 * import { ACTIVATION_NAMES } from '@qaxon/graph';
 * console.log(ACTIVATION_NAMES); // ['relu', 'sigmoid', 'tanh', 'softmax', 'gelu', 'silu', 'leakyRelu']
 * ```
 */
export const ACTIVATION_NAMES = ['relu', 'sigmoid', 'tanh', 'softmax', 'gelu', 'silu', 'leakyRelu'] as const;

/**
 * One of {@link ACTIVATION_NAMES}.
 *
 * @example
 * ```ts
 * import type { ActivationName } from '@qaxon/graph';
 * const name: ActivationName = 'gelu';
 * ```
 */
export type ActivationName = (typeof ACTIVATION_NAMES)[number];

/**
 * Options some activations read: `alpha`, the negative slope of `leakyRelu`
 * (default 0.01).
 *
 * @example
 * ```ts
 * import type { ActivationOptions } from '@qaxon/graph';
 * const options: ActivationOptions = { alpha: 0.2 };
 * ```
 */
export interface ActivationOptions {
  /** Negative slope of `leakyRelu` (default 0.01). */
  alpha?: number;
}

/**
 * True when `name` is one of {@link ACTIVATION_NAMES}.
 *
 * @example
 * ```ts
 * import { isActivationName } from '@qaxon/graph';
 * console.log(isActivationName('relu'), isActivationName('swish')); // true false
 * ```
 */
export function isActivationName(name: unknown): name is ActivationName {
  return typeof name === 'string' && (ACTIVATION_NAMES as readonly string[]).includes(name);
}

/**
 * Returns `name` when it is an activation, or throws an {@link UnknownActivationError}
 * saying where it was used and which names exist.
 *
 * @example
 * ```ts
 * import { checkActivationName } from '@qaxon/graph';
 * const name = checkActivationName('tanh', 'dense activation');
 * ```
 */
export function checkActivationName(name: unknown, where: string): ActivationName {
  if (isActivationName(name)) return name;
  throw new UnknownActivationError(`${where}: unknown activation ${describeValue(name)}; expected one of ${ACTIVATION_NAMES.join(', ')}`);
}

/**
 * Applies an activation to an f32 tensor, in float32 over the typed array (softmax along
 * the last axis).
 *
 * @example
 * ```ts
 * import { tensor } from '@qaxon/tensor';
 * import { applyActivation } from '@qaxon/graph';
 * console.log(applyActivation('relu', tensor([-1, 1])).toArray()); // [0, 1]
 * ```
 */
export function applyActivation(name: ActivationName, x: Tensor, options: ActivationOptions = {}): Tensor<'f32'> {
  switch (checkActivationName(name, 'applyActivation')) {
    case 'relu':
      return reluMath(x);
    case 'sigmoid':
      return sigmoidMath(x);
    case 'tanh':
      return tanhMath(x);
    case 'softmax':
      return softmaxMath(x);
    case 'gelu':
      return geluMath(x);
    case 'silu':
      return siluMath(x);
    case 'leakyRelu': {
      const alpha = options.alpha ?? 0.01;
      if (typeof alpha !== 'number' || !Number.isFinite(alpha)) {
        throw new LayerOptionError(`leakyRelu: expected a finite alpha, got ${describeValue(alpha)}`);
      }
      return leakyReluMath(x, alpha);
    }
  }
}
