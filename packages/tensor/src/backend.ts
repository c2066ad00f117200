import type { QTensor } from './qtensor.js';
import type { Tensor } from './tensor.js';

/**
 * The names of the kernels a {@link Backend} provides. The core owns these names and
 * their input types ({@link KernelInputs}); backends supply one implementation each.
 *
 * @example
 * ```ts
 * import { KERNEL_NAMES } from '@qaxon/tensor';
 * console.log(KERNEL_NAMES); // ['dense', 'quantizedDense']
 * ```
 */
export const KERNEL_NAMES = ['dense', 'quantizedDense'] as const;

/**
 * One of {@link KERNEL_NAMES}.
 *
 * @example
 * ```ts
 * import type { KernelName } from '@qaxon/tensor';
 * const kernel: KernelName = 'quantizedDense';
 * ```
 */
export type KernelName = (typeof KERNEL_NAMES)[number];

/**
 * The bias forms a dense kernel accepts: an f32 tensor of shape `[units]`, a number added
 * to every output, or `undefined` (no bias, i.e. 0).
 *
 * @example
 * ```ts
 * import { zeros, type DenseBias } from '@qaxon/tensor';
 * const biases: DenseBias[] = [zeros([10]), 0.5, undefined];
 * ```
 */
export type DenseBias = Tensor<'f32'> | number | undefined;

/**
 * A value or a promise of it: GPU backends (gpu.js WebGPU) compute asynchronously, so
 * callers `await` every kernel result.
 *
 * @example
 * ```ts
 * import type { MaybePromise, Tensor } from '@qaxon/tensor';
 * async function run(result: MaybePromise<Tensor>): Promise<Tensor> {
 *   return await result;
 * }
 * ```
 */
export type MaybePromise<T> = T | Promise<T>;

/**
 * The inputs of each kernel, by name.
 *
 * - `dense`: `y = x · kernel + bias` with `x` of any rank >= 1 whose last axis is `in`,
 *   `kernel` f32 `[in, units]`; leading axes of `x` are kept: `[..., in] -> [..., units]`.
 * - `quantizedDense`: `y[m][n] = scale[n] * Σ_k x[m][k] * value[k][n] + bias[n]`, reading
 *   int8 values and applying each column's scale after the sum (never a float copy of the
 *   whole kernel).
 *
 * @example
 * ```ts
 * import { ones, QTensor, type KernelInputs } from '@qaxon/tensor';
 * const inputs: KernelInputs['quantizedDense'] = {
 *   x: ones([1, 2]),
 *   kernel: QTensor.fromTensor(ones([2, 3])),
 *   bias: 0,
 * };
 * ```
 */
export interface KernelInputs {
  dense: { x: Tensor<'f32'>; kernel: Tensor<'f32'>; bias?: DenseBias };
  quantizedDense: { x: Tensor<'f32'>; kernel: QTensor; bias?: DenseBias };
}

/**
 * Device memory a backend holds, as reported by {@link Backend.memory}.
 *
 * @example
 * ```ts
 * import type { BackendMemory } from '@qaxon/tensor';
 * const memory: BackendMemory = { deviceBytes: 0, cachedKernels: 0 };
 * ```
 */
export interface BackendMemory {
  /** Bytes of weights and buffers held on the device (or in the module's memory). */
  deviceBytes: number;
  /** Number of uploaded kernels kept in the cache. */
  cachedKernels: number;
}

/**
 * The contract every compute backend implements (reference, gpu.js, WASM, ...). Both
 * kernels accept an `x` of any rank >= 1 and may return a promise.
 *
 * @example
 * ```ts
 * import { ones, type Backend } from '@qaxon/tensor';
 * async function denseOnes(backend: Backend) {
 *   return await backend.dense(ones([1, 4]), ones([4, 2]), 0.5); // [[4.5, 4.5]]
 * }
 * ```
 */
export interface Backend {
  /** A short name for messages and reports, e.g. `'reference'` or `'gpu.js:webgl2'`. */
  readonly name: string;
  /** Float dense: `x · kernel + bias`. */
  dense(x: Tensor<'f32'>, kernel: Tensor<'f32'>, bias?: DenseBias): MaybePromise<Tensor<'f32'>>;
  /** Weight-only int8 dense: `(x · value) * scale + bias`, scale per output column. */
  quantizedDense(x: Tensor<'f32'>, kernel: QTensor, bias?: DenseBias): MaybePromise<Tensor<'f32'>>;
  /** Frees device memory and cached uploads (optional). */
  dispose?(): void;
  /** Device memory held (optional). */
  memory?(): BackendMemory;
}
