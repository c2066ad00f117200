import { checkActivationName, type ActivationName, type ActivationOptions } from '../activations/table.js';
import type { Model } from '../model.js';
import { builderLabel, integerOption } from './check-options.js';
import { layer } from './layer.js';

/**
 * Options of the activation builders.
 *
 * @example
 * ```ts
 * import type { ActivationLayerOptions } from '@qaxon/graph';
 * const options: ActivationLayerOptions = { name: 'hidden_act' };
 * ```
 */
export interface ActivationLayerOptions {
  /** Explicit layer name (otherwise `<activation>_<n>`). */
  name?: string;
}

/**
 * Options of {@link leakyRelu}.
 *
 * @example
 * ```ts
 * import type { LeakyReluOptions } from '@qaxon/graph';
 * const options: LeakyReluOptions = { alpha: 0.2 };
 * ```
 */
export interface LeakyReluOptions extends ActivationLayerOptions, ActivationOptions {}

/**
 * Options of {@link softmax} and {@link logSoftmax}.
 *
 * @example
 * ```ts
 * import type { SoftmaxOptions } from '@qaxon/graph';
 * const overKeys: SoftmaxOptions = { axis: -1, name: 'scores' };
 * ```
 */
export interface SoftmaxOptions extends ActivationLayerOptions {
  /** The axis to normalize along; negative counts from the end (default -1, the last). */
  axis?: number;
}

/**
 * Adds an activation layer by name (Axon's `Axon.activation`): op and opName are the
 * activation name, so it is named `relu_0`, `softmax_1`, ... Unknown names throw an
 * `UnknownActivationError`.
 *
 * @example
 * ```ts
 * import { activation, input } from '@qaxon/graph';
 * const probabilities = activation(input('logits'), 'softmax');
 * ```
 */
export function activation(x: Model, name: ActivationName, options: LeakyReluOptions = {}): Model {
  const op = checkActivationName(name, 'activation');
  const opts =
    op === 'leakyRelu'
      ? { alpha: options.alpha ?? 0.01 }
      : op === 'softmax' || op === 'logSoftmax'
        ? { axis: integerOption(options.axis ?? -1, builderLabel(op, options.name), 'axis') }
        : {};
  return layer(op, [x], { ...(options.name === undefined ? {} : { name: options.name }), opName: op, opts });
}

/**
 * Adds a `relu` layer: `max(x, 0)`.
 *
 * @example
 * ```ts
 * import { input, relu } from '@qaxon/graph';
 * const model = relu(input('x'));
 * ```
 */
export function relu(x: Model, options: ActivationLayerOptions = {}): Model {
  return activation(x, 'relu', options);
}

/**
 * Adds a `sigmoid` layer: `1 / (1 + e^-x)`.
 *
 * @example
 * ```ts
 * import { input, sigmoid } from '@qaxon/graph';
 * const model = sigmoid(input('x'));
 * ```
 */
export function sigmoid(x: Model, options: ActivationLayerOptions = {}): Model {
  return activation(x, 'sigmoid', options);
}

/**
 * Adds a `tanh` layer.
 *
 * @example
 * ```ts
 * import { input, tanh } from '@qaxon/graph';
 * const model = tanh(input('x'));
 * ```
 */
export function tanh(x: Model, options: ActivationLayerOptions = {}): Model {
  return activation(x, 'tanh', options);
}

/**
 * Adds a `softmax` layer along `axis` (default -1, the last), numerically stable.
 *
 * @example
 * ```ts
 * import { input, softmax } from '@qaxon/graph';
 * const model = softmax(input('logits'));
 * const overAxis1 = softmax(input('scores'), { axis: 1 });
 * ```
 */
export function softmax(x: Model, options: SoftmaxOptions = {}): Model {
  return activation(x, 'softmax', options);
}

/**
 * Adds a `logSoftmax` layer along `axis` (default -1): `x - max - log(Σ exp(x - max))`,
 * computed without forming the softmax, so tiny probabilities keep their logarithm (Axon's
 * `log_softmax`; what next-token log-likelihoods need).
 *
 * @example
 * ```ts
 * import { input, logSoftmax } from '@qaxon/graph';
 * const logProbabilities = logSoftmax(input('logits', { shape: [null, 32000] }));
 * ```
 */
export function logSoftmax(x: Model, options: SoftmaxOptions = {}): Model {
  return activation(x, 'logSoftmax', options);
}

/**
 * Adds a `gelu` layer (exact erf form, as Axon).
 *
 * @example
 * ```ts
 * import { gelu, input } from '@qaxon/graph';
 * const model = gelu(input('x'));
 * ```
 */
export function gelu(x: Model, options: ActivationLayerOptions = {}): Model {
  return activation(x, 'gelu', options);
}

/**
 * Adds a `geluTanh` layer: GELU's tanh approximation
 * `0.5 · x · (1 + tanh(sqrt(2/π) · (x + 0.044715 · x³)))`, PyTorch's
 * `gelu(x, approximate='tanh')` and GPT-2's `gelu_new`.
 *
 * @example
 * ```ts
 * import { geluTanh, input } from '@qaxon/graph';
 * const model = geluTanh(input('x'));
 * ```
 */
export function geluTanh(x: Model, options: ActivationLayerOptions = {}): Model {
  return activation(x, 'geluTanh', options);
}

/**
 * Adds a `silu` layer: `x · sigmoid(x)`.
 *
 * @example
 * ```ts
 * import { input, silu } from '@qaxon/graph';
 * const model = silu(input('x'));
 * ```
 */
export function silu(x: Model, options: ActivationLayerOptions = {}): Model {
  return activation(x, 'silu', options);
}

/**
 * Adds a `leakyRelu` layer: `x` for `x > 0`, `alpha · x` otherwise (alpha 0.01 by default).
 *
 * @example
 * ```ts
 * import { input, leakyRelu } from '@qaxon/graph';
 * const model = leakyRelu(input('x'), { alpha: 0.1 });
 * ```
 */
export function leakyRelu(x: Model, options: LeakyReluOptions = {}): Model {
  return activation(x, 'leakyRelu', options);
}
