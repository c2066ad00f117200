import { KernelUnsupportedError, type Handle, type MaybePromise, type OpName, type Shape } from '@qaxon/tensor';
import type { DeviceOutput } from './device-programs.js';
import type { GpuHandle } from './handles/gpu-handle.js';

/**
 * Most floats a tensor read or written by the `matMul` and `attention` programs may hold:
 * their flat indices are float32 (GL floats, and gpu.js's index math elsewhere), exact for
 * integers up to 2^24.
 *
 * @example
 * ```ts
 * import { MAX_FLAT_INDEX } from '@qaxon/kernel-gpu/internals';
 * console.log(MAX_FLAT_INDEX); // 16777216
 * ```
 */
export const MAX_FLAT_INDEX = 2 ** 24;

/**
 * What the `matMul` and `attention` kernels need from their backend: its handles, kernel
 * arguments and programs. The backend builds one over its private state.
 *
 * @example
 * ```ts
 * import type { DeviceRunner } from '@qaxon/kernel-gpu/internals';
 * function backendName(runner: DeviceRunner): string {
 *   return runner.name;
 * }
 * ```
 */
export interface DeviceRunner {
  /** The backend's name, for messages. */
  readonly name: string;
  /**
   * Whether kernel arguments are host arrays that gpu.js copies into each kernel's memory
   * (WebAssembly, WebGPU, CPU), rather than textures (GL modes).
   */
  readonly hostArrays: boolean;
  /**
   * Most floats a tensor the programs read or write may hold: {@link MAX_FLAT_INDEX}, and
   * on GL modes at most one texture (`maxTextureSize` squared).
   */
  readonly maxFloats: number;
  /** The live handle of this backend behind `handle` (throws a `ValueError` otherwise). */
  own(handle: Handle, op: OpName): GpuHandle;
  /** An f32 handle as a kernel argument: a texture (or an array gpu.js uploads) on GL modes, the host array elsewhere. */
  argument(handle: GpuHandle, op: OpName, input: string): unknown;
  /** Runs a program over `output` threads (`[length]`, or `[x, y]` read row by row into one flat output). */
  run(source: string, output: readonly number[], args: readonly unknown[]): MaybePromise<DeviceOutput>;
  /** Frees an output no handle took. */
  discard(output: DeviceOutput): void;
  /** A new handle of `shape` owning `output`. */
  adopt(output: DeviceOutput, shape: Shape): GpuHandle;
  /** A new handle of `shape` holding zeros (on the host: nothing to compute). */
  zeros(shape: Shape): GpuHandle;
}

/**
 * Throws `KernelUnsupportedError` (so the executor falls back to the reference backend)
 * when `what` (a tensor of `size` floats) is more than the runner's programs take
 * (`runner.maxFloats`).
 *
 * @example
 * ```ts
 * import { checkFlatSize } from '@qaxon/kernel-gpu/internals';
 * checkFlatSize({ name: 'gpu.js:cpu', maxFloats: 2 ** 24 }, 'matMul', 'the output', 1024); // fine
 * ```
 */
export function checkFlatSize(runner: Pick<DeviceRunner, 'name' | 'maxFloats'>, op: OpName, what: string, size: number): void {
  if (size > runner.maxFloats) {
    throw new KernelUnsupportedError(
      op,
      `${what} holds ${size} floats on ${runner.name}, and its programs take at most ${runner.maxFloats} (flat indices are exact floats up to 2^24; on GL modes one texture)`,
    );
  }
}

/** `next(value)`, after `value` resolves when it is a promise (synchronous otherwise). */
export function chain<T, U>(value: MaybePromise<T>, next: (resolved: T) => MaybePromise<U>): MaybePromise<U> {
  return value instanceof Promise ? value.then(next) : next(value as T);
}
