import { Prng, Tensor, randomNormal, randomUniform, sizeOf, type Shape } from '@qaxon/tensor';
import { LayerOptionError } from '../errors.js';
import type { InitializerFn } from './initializer.js';

/**
 * Which fan a variance-scaling initializer divides by.
 *
 * @example
 * ```ts
 * import type { FanMode } from '@qaxon/graph';
 * const mode: FanMode = 'fanAvg';
 * ```
 */
export type FanMode = 'fanIn' | 'fanOut' | 'fanAvg';

/**
 * The distribution a variance-scaling initializer samples.
 *
 * @example
 * ```ts
 * import type { VarianceDistribution } from '@qaxon/graph';
 * const distribution: VarianceDistribution = 'truncatedNormal';
 * ```
 */
export type VarianceDistribution = 'uniform' | 'normal' | 'truncatedNormal';

/**
 * Options of {@link varianceScaling}.
 *
 * @example
 * ```ts
 * import type { VarianceScalingOptions } from '@qaxon/graph';
 * const he: VarianceScalingOptions = { scale: 2, mode: 'fanIn', distribution: 'truncatedNormal' };
 * ```
 */
export interface VarianceScalingOptions {
  /** Numerator of the variance (default 1). */
  scale?: number;
  /** Denominator: fan in, fan out or their mean (default `'fanIn'`). */
  mode?: FanMode;
  /** Sampled distribution (default `'normal'`). */
  distribution?: VarianceDistribution;
}

/**
 * The fan in and fan out of a parameter shape, as {@link computeFans} returns them.
 *
 * @example
 * ```ts
 * import type { Fans } from '@qaxon/graph';
 * const dense: Fans = { fanIn: 784, fanOut: 128 };
 * ```
 */
export interface Fans {
  /** Inputs feeding each output unit. */
  fanIn: number;
  /** Outputs each input unit feeds. */
  fanOut: number;
}

/**
 * The fans of a parameter shape, as Axon (and Keras) compute them: rank 0 gives (1, 1),
 * rank 1 `[n]` gives (n, n), rank 2 `[in, out]` gives (in, out) — so a dense kernel
 * `[in, units]` has fanIn = in and fanOut = units — and higher ranks use the last two
 * axes times the receptive field (the product of the other axes).
 *
 * @example
 * ```ts
 * import { computeFans } from '@qaxon/graph';
 * console.log(computeFans([784, 128])); // { fanIn: 784, fanOut: 128 }
 * ```
 */
export function computeFans(shape: Shape): Fans {
  const rank = shape.length;
  if (rank === 0) return { fanIn: 1, fanOut: 1 };
  if (rank === 1) return { fanIn: shape[0]!, fanOut: shape[0]! };
  const inSize = shape[rank - 2]!;
  const outSize = shape[rank - 1]!;
  const receptiveField = inSize * outSize === 0 ? 0 : sizeOf(shape) / inSize / outSize;
  return { fanIn: inSize * receptiveField, fanOut: outSize * receptiveField };
}

/**
 * The scale that turns a standard normal truncated to [-2, 2] into one of standard
 * deviation 1: the standard deviation of N(0, 1) restricted to [-2, 2] is 0.8796...
 * (Axon and Keras divide by the same constant).
 *
 * @example
 * ```ts
 * import { TRUNCATED_NORMAL_STDDEV } from '@qaxon/graph';
 * console.log(TRUNCATED_NORMAL_STDDEV); // 0.8796256610342398
 * ```
 */
export const TRUNCATED_NORMAL_STDDEV = 0.87962566103423978;

/**
 * An f32 tensor of samples of N(0, stddev²) truncated to two standard deviations: each
 * standard normal draw outside [-2, 2] is drawn again (rejection sampling, deterministic
 * for a seed), then multiplied by `stddev / TRUNCATED_NORMAL_STDDEV` so the result has
 * standard deviation `stddev`. Axon samples the same law by inverting the erf; the values
 * differ, the distribution does not.
 *
 * @example
 * ```ts
 * import { truncatedNormal } from '@qaxon/graph';
 * const w = truncatedNormal([256, 64], 0.05, 7); // |w| <= 2 * 0.05 / 0.8796...
 * ```
 */
export function truncatedNormal(shape: Shape, stddev: number, seed: number): Tensor<'f32'> {
  const rng = new Prng(seed);
  const data = new Float32Array(sizeOf(shape));
  const factor = stddev / TRUNCATED_NORMAL_STDDEV;
  for (let i = 0; i < data.length; i++) {
    let z = rng.nextNormal();
    while (z < -2 || z > 2) z = rng.nextNormal();
    data[i] = z * factor;
  }
  return new Tensor(data, shape, 'f32');
}

/**
 * Axon's `variance_scaling`: `variance = scale / max(fan, 1)` with `fan` chosen by
 * `mode`, then samples U(-sqrt(3·variance), sqrt(3·variance)), N(0, variance) or the
 * truncated normal of standard deviation sqrt(variance). Glorot, He and LeCun
 * initializers are special cases.
 *
 * @example
 * ```ts
 * import { varianceScaling } from '@qaxon/graph';
 * const glorotUniform = varianceScaling({ scale: 1, mode: 'fanAvg', distribution: 'uniform' });
 * const w = glorotUniform([4, 3], 'f32', 42);
 * ```
 */
export function varianceScaling(options: VarianceScalingOptions = {}): InitializerFn {
  const scale = options.scale ?? 1;
  const mode = options.mode ?? 'fanIn';
  const distribution = options.distribution ?? 'normal';
  if (!Number.isFinite(scale) || scale <= 0) {
    throw new LayerOptionError(`varianceScaling: expected a finite scale > 0, got ${scale}`);
  }
  if (mode !== 'fanIn' && mode !== 'fanOut' && mode !== 'fanAvg') {
    throw new LayerOptionError(`varianceScaling: expected mode 'fanIn', 'fanOut' or 'fanAvg', got ${String(mode)}`);
  }
  if (distribution !== 'uniform' && distribution !== 'normal' && distribution !== 'truncatedNormal') {
    throw new LayerOptionError(`varianceScaling: expected distribution 'uniform', 'normal' or 'truncatedNormal', got ${String(distribution)}`);
  }
  return (shape, _dtype, key) => {
    const { fanIn, fanOut } = computeFans(shape);
    const fan = mode === 'fanIn' ? fanIn : mode === 'fanOut' ? fanOut : (fanIn + fanOut) / 2;
    const variance = scale / Math.max(fan, 1);
    if (distribution === 'uniform') {
      const limit = Math.sqrt(3 * variance);
      return randomUniform(shape, { seed: key, min: -limit, max: limit });
    }
    if (distribution === 'normal') return randomNormal(shape, { seed: key, stddev: Math.sqrt(variance) });
    return truncatedNormal(shape, Math.sqrt(variance), key);
  };
}
