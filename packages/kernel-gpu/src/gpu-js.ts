import { GPU as BundledGPU } from 'gpu.js';

/**
 * The part of a gpu.js kernel (the callable `createKernel` returns) that this package uses.
 * Calling it runs the kernel: GL, WebAssembly and CPU kernels return their output, WebGPU
 * kernels a promise of it.
 *
 * @example
 * ```ts
 * import type { GpuJsKernel } from '@qaxon/kernel-gpu';
 * function outputOf(kernel: GpuJsKernel, x: Float32Array): unknown {
 *   return kernel(x);
 * }
 * ```
 */
export interface GpuJsKernel {
  (...args: unknown[]): unknown;
  /** The backend kernel that really runs (gpu.js swaps it when it falls back). */
  readonly kernel: { readonly constructor: { readonly mode?: string } };
  setOutput(output: number[]): unknown;
  destroy(removeCanvasReferences?: boolean): void;
}

/**
 * The part of a gpu.js `GPU` instance that this package uses.
 *
 * @example
 * ```ts
 * import type { GpuJsInstance } from '@qaxon/kernel-gpu';
 * function modeOf(gpu: GpuJsInstance): string | undefined {
 *   return gpu.mode;
 * }
 * ```
 */
export interface GpuJsInstance {
  /** The mode gpu.js settled on (e.g. `'headlessgl'`). */
  readonly mode?: string;
  /** The gpu.js kernel class in use; GL classes report `features.maxTextureSize`. */
  readonly Kernel?: { readonly mode?: string; readonly features?: { readonly maxTextureSize?: number } };
  createKernel(source: string, settings?: Record<string, unknown>): GpuJsKernel;
  destroy(): unknown;
}

/**
 * The gpu.js `GPU` constructor with its static feature checks: the `GPU` export of the
 * `gpu.js` package, in Node or from a browser bundle. Pass your own to
 * `createGpuBackend({ GPU })` when a bundle imports gpu.js differently (for example the
 * browser build `gpu.js/dist/gpu-browser.js`).
 *
 * @example
 * ```ts
 * import { GPU } from 'gpu.js';
 * import { createGpuBackend, type GpuJsConstructor } from '@qaxon/kernel-gpu';
 * const constructor: GpuJsConstructor = GPU;
 * const backend = createGpuBackend({ mode: 'cpu', GPU: constructor });
 * ```
 */
export interface GpuJsConstructor {
  new (settings?: { mode?: string }): GpuJsInstance;
  readonly isWebGL2Supported?: boolean;
  readonly isWebGLSupported?: boolean;
  readonly isHeadlessGLSupported?: boolean;
  readonly isWebGPUSupported?: boolean;
  readonly isWebAssemblySupported?: boolean;
  isWebGPUAvailable?(): Promise<boolean>;
}

/**
 * The `GPU` constructor of the `gpu.js` package this package depends on; the default of
 * every `GPU` option.
 *
 * @example
 * ```ts
 * import { defaultGpuConstructor } from '@qaxon/kernel-gpu';
 * console.log(defaultGpuConstructor.isWebAssemblySupported); // true in Node and browsers
 * ```
 */
export const defaultGpuConstructor: GpuJsConstructor = BundledGPU as unknown as GpuJsConstructor;
