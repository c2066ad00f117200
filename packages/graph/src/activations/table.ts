import { describeValue } from '@qaxon/tensor';
import { UnknownActivationError } from '../errors.js';

/**
 * The activations `activation(x, name)` and `dense(x, units, {activation})` accept. Each
 * is also a builder of the same name (`relu(x)`, ...) and a layer op.
 *
 * @example
 * ```ts
 * import { ACTIVATION_NAMES } from '@qaxon/graph';
 * console.log(ACTIVATION_NAMES); // ['relu', 'sigmoid', 'tanh', 'softmax', 'logSoftmax', 'gelu', 'geluTanh', 'silu', 'leakyRelu']
 * ```
 */
export const ACTIVATION_NAMES = ['relu', 'sigmoid', 'tanh', 'softmax', 'logSoftmax', 'gelu', 'geluTanh', 'silu', 'leakyRelu'] as const;

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
 * (default 0.01), and `axis`, the axis `softmax` and `logSoftmax` normalize along
 * (default -1, the last; negative counts from the end).
 *
 * @example
 * ```ts
 * import type { ActivationOptions } from '@qaxon/graph';
 * const options: ActivationOptions = { alpha: 0.2 };
 * const alongAxis1: ActivationOptions = { axis: 1 };
 * ```
 */
export interface ActivationOptions {
  /** Negative slope of `leakyRelu` (default 0.01). */
  alpha?: number;
  /** Axis of `softmax` and `logSoftmax` (default -1). */
  axis?: number;
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
