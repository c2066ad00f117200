import type { InitializerSpec } from '../initializers/initializer.js';
import type { Model } from '../model.js';
import { builderLabel, namedLayer, positiveNumberOption } from './check-options.js';
import { lastAxis } from './layer-norm.js';
import { layer } from './layer.js';

/**
 * Options of {@link rmsNorm}.
 *
 * @example
 * ```ts
 * import type { RmsNormOptions } from '@qaxon/graph';
 * const llama: RmsNormOptions = { name: 'model.layers.0.input_layernorm', epsilon: 1e-6 };
 * ```
 */
export interface RmsNormOptions {
  /** Explicit layer name (otherwise `rmsNorm_<n>`). */
  name?: string;
  /** Added to the mean square before the square root (default 1e-6, LLaMA's `rms_norm_eps`). */
  epsilon?: number;
  /** Initializer of `gamma` (default `'ones'`). */
  gammaInitializer?: InitializerSpec;
}

/**
 * Adds a root-mean-square normalization over the last axis (LLaMA's `LlamaRMSNorm`):
 * `y = x / sqrt(mean(x²) + epsilon) · gamma`, with one parameter `gamma` `[lastAxis]`
 * (Hugging Face's `weight`), no mean subtracted and no offset.
 *
 * @example
 * ```ts
 * import { input, rmsNorm } from '@qaxon/graph';
 * const normalized = rmsNorm(input('hidden', { shape: [null, null, 64] }), { name: 'model.norm', epsilon: 1e-5 });
 * ```
 */
export function rmsNorm(x: Model, options: RmsNormOptions = {}): Model {
  const epsilon = positiveNumberOption(options.epsilon ?? 1e-6, builderLabel('rmsNorm', options.name), 'epsilon');
  return layer('rmsNorm', [x], {
    ...namedLayer(options),
    opName: 'rmsNorm',
    parameters: [{ name: 'gamma', shape: lastAxis, initializer: options.gammaInitializer ?? 'ones' }],
    opts: { epsilon },
  });
}
