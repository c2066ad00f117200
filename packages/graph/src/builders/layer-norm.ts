import { describeValue, type Shape } from '@qaxon/tensor';
import { LayerOptionError } from '../errors.js';
import type { InitializerSpec } from '../initializers/initializer.js';
import type { Model } from '../model.js';
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
}

function lastAxis(inputShapes: readonly Shape[]): Shape {
  const x = inputShapes[0];
  if (x === undefined || x.length === 0) throw new LayerOptionError('layerNorm: expected an input of rank >= 1, got a scalar');
  return [x[x.length - 1]!];
}

/**
 * Adds a layer normalization over the last axis:
 * `y = (x - mean) / sqrt(variance + epsilon) · gamma + beta`, with mean and (population)
 * variance of each row and parameters `gamma`, `beta` of shape `[lastAxis]`. `gamma`
 * starts at ones (the usual choice; Axon defaults to `glorotUniform`, pass
 * `{gammaInitializer: 'glorotUniform'}` to match it).
 *
 * @example
 * ```ts
 * import { input, layerNorm } from '@qaxon/graph';
 * const normalized = layerNorm(input('x', { shape: [null, 16] }));
 * ```
 */
export function layerNorm(x: Model, options: LayerNormOptions = {}): Model {
  const epsilon = options.epsilon ?? 1e-5;
  if (typeof epsilon !== 'number' || !(epsilon > 0) || !Number.isFinite(epsilon)) {
    throw new LayerOptionError(`layerNorm: expected a finite epsilon > 0, got ${describeValue(epsilon)}`);
  }
  return layer('layerNorm', [x], {
    ...(options.name === undefined ? {} : { name: options.name }),
    opName: 'layerNorm',
    parameters: [
      { name: 'gamma', shape: lastAxis, initializer: options.gammaInitializer ?? 'ones' },
      { name: 'beta', shape: lastAxis, initializer: options.betaInitializer ?? 'zeros' },
    ],
    opts: { epsilon },
  });
}
