import { describeValue, full as filled, randomNormal, randomUniform } from '@qaxon/tensor';
import { LayerOptionError, UnknownInitializerError } from '../errors.js';
import { INITIALIZER_NAMES, type InitializerFn, type InitializerName, type InitializerSpec } from './initializer.js';
import { varianceScaling } from './variance-scaling.js';

/**
 * Options of the scaled initializers (`glorotUniform`, `heNormal`, ...): `scale` is the
 * numerator of the variance (default 1 for Glorot and LeCun, 2 for He).
 *
 * @example
 * ```ts
 * import { initializers, type ScaleOptions } from '@qaxon/graph';
 * const options: ScaleOptions = { scale: 0.5 };
 * const init = initializers.glorotUniform(options);
 * ```
 */
export interface ScaleOptions {
  /** Numerator of the variance. */
  scale?: number;
}

/**
 * Options of `initializers.normal`.
 *
 * @example
 * ```ts
 * import { initializers, type NormalOptions } from '@qaxon/graph';
 * const options: NormalOptions = { mean: 0, scale: 0.02 };
 * const init = initializers.normal(options);
 * ```
 */
export interface NormalOptions {
  /** Mean (default 0). */
  mean?: number;
  /** Standard deviation (default 0.01). */
  scale?: number;
}

/**
 * Initializer factories, as in `Axon.Initializers`: each returns an
 * {@link InitializerFn}. The names in {@link INITIALIZER_NAMES} are these with their
 * default options. The normal variants of Glorot, He and LeCun sample a normal truncated
 * at two standard deviations and rescaled so the standard deviation is exactly the one
 * named (as Axon and Keras do); see {@link truncatedNormal}.
 *
 * @example
 * ```ts
 * import { dense, initializers, input } from '@qaxon/graph';
 * const model = dense(input('x'), 8, {
 *   kernelInitializer: initializers.heUniform(),
 *   biasInitializer: initializers.full(0.1),
 * });
 * ```
 */
export const initializers = Object.freeze({
  /** All zeros. */
  zeros: (): InitializerFn => (shape) => filled(shape, 0),
  /** All ones. */
  ones: (): InitializerFn => (shape) => filled(shape, 1),
  /** Every element `value`. */
  full: (value: number): InitializerFn => {
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw new LayerOptionError(`initializers.full: expected a finite number, got ${describeValue(value)}`);
    }
    return (shape) => filled(shape, value);
  },
  /** U(-scale, scale), scale 0.01 by default. */
  uniform: (options: ScaleOptions = {}): InitializerFn => {
    const scale = positive(options.scale ?? 0.01, 'uniform');
    return (shape, _dtype, key) => randomUniform(shape, { seed: key, min: -scale, max: scale });
  },
  /** N(mean, scale²), mean 0 and scale 0.01 by default. */
  normal: (options: NormalOptions = {}): InitializerFn => {
    const scale = positive(options.scale ?? 0.01, 'normal');
    const mean = options.mean ?? 0;
    return (shape, _dtype, key) => randomNormal(shape, { seed: key, mean, stddev: scale });
  },
  /** Glorot (Xavier) uniform: U(-l, l), l = sqrt(6·scale / (fanIn + fanOut)). */
  glorotUniform: (options: ScaleOptions = {}): InitializerFn =>
    varianceScaling({ scale: options.scale ?? 1, mode: 'fanAvg', distribution: 'uniform' }),
  /** Glorot normal: truncated normal with stddev sqrt(2·scale / (fanIn + fanOut)). */
  glorotNormal: (options: ScaleOptions = {}): InitializerFn =>
    varianceScaling({ scale: options.scale ?? 1, mode: 'fanAvg', distribution: 'truncatedNormal' }),
  /** He uniform: U(-l, l), l = sqrt(3·scale / fanIn), scale 2 by default. */
  heUniform: (options: ScaleOptions = {}): InitializerFn =>
    varianceScaling({ scale: options.scale ?? 2, mode: 'fanIn', distribution: 'uniform' }),
  /** He normal: truncated normal with stddev sqrt(scale / fanIn), scale 2 by default. */
  heNormal: (options: ScaleOptions = {}): InitializerFn =>
    varianceScaling({ scale: options.scale ?? 2, mode: 'fanIn', distribution: 'truncatedNormal' }),
  /** LeCun uniform: U(-l, l), l = sqrt(3·scale / fanIn). */
  lecunUniform: (options: ScaleOptions = {}): InitializerFn =>
    varianceScaling({ scale: options.scale ?? 1, mode: 'fanIn', distribution: 'uniform' }),
  /** LeCun normal: truncated normal with stddev sqrt(scale / fanIn). */
  lecunNormal: (options: ScaleOptions = {}): InitializerFn =>
    varianceScaling({ scale: options.scale ?? 1, mode: 'fanIn', distribution: 'truncatedNormal' }),
  /** The general form; see {@link varianceScaling}. */
  varianceScaling,
});

function positive(value: number, where: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new LayerOptionError(`initializers.${where}: expected a finite scale > 0, got ${describeValue(value)}`);
  }
  return value;
}

/**
 * Checks an initializer given by name or function and returns the function. `where`
 * names the layer option for the message (e.g. `dense kernelInitializer`).
 *
 * @example
 * ```ts
 * import { resolveInitializer } from '@qaxon/graph';
 * const init = resolveInitializer('heNormal', 'dense kernelInitializer');
 * const w = init([3, 2], 'f32', 1);
 * ```
 */
export function resolveInitializer(spec: InitializerSpec, where: string): InitializerFn {
  if (typeof spec === 'function') return spec;
  if (typeof spec === 'string' && (INITIALIZER_NAMES as readonly string[]).includes(spec)) {
    return initializers[spec as InitializerName]();
  }
  const hint = spec === ('full' as unknown) ? " ('full' needs a value: use initializers.full(value))" : '';
  throw new UnknownInitializerError(
    `${where}: unknown initializer ${describeValue(spec)}${hint}; expected one of ${INITIALIZER_NAMES.join(', ')} or a function (shape, dtype, key) => Tensor`,
  );
}
