import type { Shape } from '@qaxon/tensor';
import { LayerOptionError } from '../errors.js';
import type { InitializerSpec } from '../initializers/initializer.js';
import type { Model, Parameter } from '../model.js';
import { booleanOption, builderLabel, namedLayer, positiveNumberOption } from './check-options.js';
import { layer } from './layer.js';

/**
 * Options of {@link layerNorm}.
 *
 * @example
 * ```ts
 * import type { LayerNormOptions } from '@qaxon/graph';
 * const options: LayerNormOptions = { epsilon: 1e-6 };
 * ```
 */
export interface LayerNormOptions {
  /** Explicit layer name (otherwise `layerNorm_<n>`). */
  name?: string;
  /** Added to the variance before the square root (default 1e-5). */
  epsilon?: number;
  /** Initializer of `gamma` (default `'ones'`; Axon uses `glorotUniform`, see below). */
  gammaInitializer?: InitializerSpec;
  /** Initializer of `beta` (default `'zeros'`). */
  betaInitializer?: InitializerSpec;
  /** Whether the layer has the offset `beta` (default true; false: `y = normalized · gamma`, as `nn.LayerNorm(bias=False)`). */
  bias?: boolean;
}

/**
 * The shape of a norm's `gamma` (and `beta`): `[lastAxis]` of the layer's input.
 *
 * @example
 * ```ts
 * import { input, layerNorm } from '@qaxon/graph';
 * const normalized = layerNorm(input('x', { shape: [null, 16] })); // gamma and beta [16]
 * ```
 */
export function lastAxis(inputShapes: readonly Shape[]): Shape {
  const x = inputShapes[0];
  if (x === undefined || x.length === 0) throw new LayerOptionError('norm: expected an input of rank >= 1, got a scalar');
  return [x[x.length - 1]!];
}

/**
 * Adds a layer normalization over the last axis:
 * `y = (x - mean) / sqrt(variance + epsilon) · gamma + beta`, with mean and (population)
 * variance of each row and parameters `gamma`, `beta` of shape `[lastAxis]` (no `beta`
 * with `bias: false`). `gamma` starts at ones (the usual choice; Axon defaults to
 * `glorotUniform`, pass `{gammaInitializer: 'glorotUniform'}` to match it). BERT's
 * LayerNorm is `layerNorm(x, { epsilon: 1e-12 })`.
 *
 * @example
 * ```ts
 * import { input, layerNorm } from '@qaxon/graph';
 * const normalized = layerNorm(input('x', { shape: [null, 16] }));
 * const noOffset = layerNorm(input('h', { shape: [null, 16] }), { name: 'ln_f', epsilon: 1e-6, bias: false });
 * ```
 */
export function layerNorm(x: Model, options: LayerNormOptions = {}): Model {
  const where = builderLabel('layerNorm', options.name);
  const epsilon = positiveNumberOption(options.epsilon ?? 1e-5, where, 'epsilon');
  const bias = booleanOption(options.bias ?? true, where, 'bias');
  const gamma: Parameter = { name: 'gamma', shape: lastAxis, initializer: options.gammaInitializer ?? 'ones' };
  const beta: Parameter = { name: 'beta', shape: lastAxis, initializer: options.betaInitializer ?? 'zeros' };
  return layer('layerNorm', [x], {
    ...namedLayer(options),
    opName: 'layerNorm',
    parameters: bias ? [gamma, beta] : [gamma],
    opts: { epsilon },
  });
}
