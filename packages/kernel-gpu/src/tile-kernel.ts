import type { GpuJsKernel } from './gpu-js.js';

/**
 * A gpu.js kernel ready to compute `rows` rows of `x` for one tile, and the number of rows
 * it computes per call (`callRows >= rows`: fixed-size kernels pad `x`).
 *
 * @example
 * ```ts
 * import type { TileKernel } from '@qaxon/kernel-gpu/internals';
 * function run(tileKernel: TileKernel, x: Float32Array): unknown {
 *   return tileKernel.kernel(x);
 * }
 * ```
 */
export interface TileKernel {
  /** Runs the gpu.js kernel (and then lets the weights drop host copies the kernel no longer needs). */
  kernel: (...args: unknown[]) => unknown;
  /** Rows of `x` it takes per call (fixed-size kernels pad). */
  callRows: number;
}

/** One gpu.js kernel an `UploadedWeights` holds: which tile it reads, the rows it outputs, its I/O bytes. */
export interface KernelEntry {
  kernel: GpuJsKernel;
  rows: number;
  tile: number;
  ioBytes: number;
  /** Set after its first run, once host copies it no longer needs are dropped. */
  settled?: boolean;
}
