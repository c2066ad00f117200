import { ValueError } from './errors.js';
import { Prng } from './prng.js';
import { checkShape, sizeOf, type Shape } from './shape.js';
import { Tensor } from './tensor.js';

/**
 * Options of {@link randomUniform}.
 *
 * @example
 * ```ts
 * import type { RandomUniformOptions } from '@qaxon/tensor';
 * const options: RandomUniformOptions = { seed: 1, min: -1, max: 1 };
 * ```
 */
export interface RandomUniformOptions {
  /** Seed of the {@link Prng}; required so results are reproducible. */
  seed: number;
  /** Inclusive lower bound (default 0). */
  min?: number;
  /** Exclusive upper bound (default 1). */
  max?: number;
}

/**
 * Options of {@link randomNormal}.
 *
 * @example
 * ```ts
 * import type { RandomNormalOptions } from '@qaxon/tensor';
 * const options: RandomNormalOptions = { seed: 1, mean: 0, stddev: 0.05 };
 * ```
 */
export interface RandomNormalOptions {
  /** Seed of the {@link Prng}; required so results are reproducible. */
  seed: number;
  /** Mean (default 0). */
  mean?: number;
  /** Standard deviation (default 1). */
  stddev?: number;
}

/**
 * An f32 tensor of independent uniform samples in [min, max), identical on every platform
 * for a given seed.
 *
 * @example
 * ```ts
 * import { randomUniform } from '@qaxon/tensor';
 * const w = randomUniform([784, 128], { seed: 7, min: -0.1, max: 0.1 });
 * ```
 */
export function randomUniform(shape: Shape, options: RandomUniformOptions): Tensor<'f32'> {
  const checked = checkShape(shape, 'randomUniform');
  const min = options.min ?? 0;
  const max = options.max ?? 1;
  if (!Number.isFinite(min) || !Number.isFinite(max) || !(min < max)) {
    throw new ValueError(`randomUniform: expected finite bounds with min < max, got min=${min}, max=${max}`);
  }
  const rng = new Prng(options.seed);
  const data = new Float32Array(sizeOf(checked));
  for (let i = 0; i < data.length; i++) {
    const value = Math.fround(min + (max - min) * rng.nextFloat());
    // Rounding to float32 can land exactly on max; keep the interval half-open.
    data[i] = value >= max ? min : value;
  }
  return new Tensor(data, checked, 'f32');
}

/**
 * An f32 tensor of independent normal samples, identical on every platform for a seed.
 *
 * @example
 * ```ts
 * import { randomNormal } from '@qaxon/tensor';
 * const w = randomNormal([256, 256], { seed: 3, stddev: 0.02 });
 * ```
 */
export function randomNormal(shape: Shape, options: RandomNormalOptions): Tensor<'f32'> {
  const checked = checkShape(shape, 'randomNormal');
  const mean = options.mean ?? 0;
  const stddev = options.stddev ?? 1;
  if (!Number.isFinite(mean) || !Number.isFinite(stddev) || stddev < 0) {
    throw new ValueError(`randomNormal: expected a finite mean and a finite stddev >= 0, got mean=${mean}, stddev=${stddev}`);
  }
  const rng = new Prng(options.seed);
  const data = new Float32Array(sizeOf(checked));
  for (let i = 0; i < data.length; i++) data[i] = mean + stddev * rng.nextNormal();
  return new Tensor(data, checked, 'f32');
}
