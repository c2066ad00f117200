import type { DType, QTensor, Shape, Tensor } from '@qaxon/tensor';

/**
 * An initializer function: creates a parameter value of `shape` and `dtype` from a 32-bit
 * `key` (a seed that `init` derives per layer and parameter with
 * `deriveSeed(seed, layerName, parameterName)`). It may return a `QTensor`.
 *
 * @example
 * ```ts
 * import { randomUniform } from '@qaxon/tensor';
 * import type { InitializerFn } from '@qaxon/graph';
 * const small: InitializerFn = (shape, _dtype, key) => randomUniform(shape, { seed: key, min: -0.001, max: 0.001 });
 * ```
 */
export type InitializerFn = (shape: Shape, dtype: DType, key: number) => Tensor | QTensor;

/**
 * The initializer names a parameter may give instead of a function, with their default
 * options (use the functions of {@link initializers} for other options, and
 * `initializers.full(value)` for a constant):
 *
 * | name | values |
 * | --- | --- |
 * | `zeros`, `ones` | 0, 1 |
 * | `uniform` | U(-0.01, 0.01) |
 * | `normal` | N(0, 0.01²) |
 * | `glorotUniform` | U(-l, l), l = sqrt(6 / (fanIn + fanOut)) |
 * | `glorotNormal` | truncated normal, stddev sqrt(2 / (fanIn + fanOut)) |
 * | `heUniform` | U(-l, l), l = sqrt(6 / fanIn) |
 * | `heNormal` | truncated normal, stddev sqrt(2 / fanIn) |
 * | `lecunUniform` | U(-l, l), l = sqrt(3 / fanIn) |
 * | `lecunNormal` | truncated normal, stddev sqrt(1 / fanIn) |
 *
 * @example
 * ```ts
 * import { INITIALIZER_NAMES } from '@qaxon/graph';
 * console.log(INITIALIZER_NAMES.includes('heNormal')); // true
 * ```
 */
export const INITIALIZER_NAMES = [
  'zeros',
  'ones',
  'uniform',
  'normal',
  'glorotUniform',
  'glorotNormal',
  'heUniform',
  'heNormal',
  'lecunUniform',
  'lecunNormal',
] as const;

/**
 * One of {@link INITIALIZER_NAMES}.
 *
 * @example
 * ```ts
 * import type { InitializerName } from '@qaxon/graph';
 * const name: InitializerName = 'glorotUniform';
 * ```
 */
export type InitializerName = (typeof INITIALIZER_NAMES)[number];

/**
 * How a parameter is initialized: a name from {@link INITIALIZER_NAMES} or a function.
 *
 * @example
 * ```ts
 * import { initializers, type InitializerSpec } from '@qaxon/graph';
 * const specs: InitializerSpec[] = ['zeros', initializers.full(0.5), initializers.heNormal({ scale: 1 })];
 * ```
 */
export type InitializerSpec = InitializerName | InitializerFn;
