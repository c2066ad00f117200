import { GPU as BundledGPU } from 'gpu.js';
import type { GpuMode } from './modes.js';

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
  /**
   * The backend kernel that really runs (gpu.js swaps it when it falls back); the static
   * `mode` of its class is gpu.js's name for the backend: `'gpu'` (any GL), `'webgpu'`,
   * `'webasm'`, `'cpu'`.
   */
  readonly kernel: object;
  /** Resizes the output (kernels built with `dynamicOutput`). */
  setOutput(output: number[]): unknown;
  /** Frees the kernel's textures, buffers or WebAssembly memory. */
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
  readonly Kernel?: {
    /** gpu.js's name for the backend. */
    readonly mode?: string;
    /** What the backend supports. */
    readonly features?: {
      /** Largest texture side (GL backends). */
      readonly maxTextureSize?: number;
    };
  };
  /** The WebGL context of GL modes (set once a kernel has been built). */
  readonly context?: unknown;
  /** Builds a kernel from gpu.js kernel source text. */
  createKernel(source: string, settings?: Record<string, unknown>): GpuJsKernel;
  /** Frees every kernel and the context. */
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
 * import { createGpuBackend, defaultGpuConstructor, type GpuJsConstructor } from '@qaxon/kernel-gpu';
 * // In a bundle that imports gpu.js itself: `import { GPU } from 'gpu.js'` and pass that.
 * const constructor: GpuJsConstructor = defaultGpuConstructor;
 * const backend = createGpuBackend({ mode: 'cpu', GPU: constructor });
 * ```
 */
export interface GpuJsConstructor {
  new (settings?: { mode?: GpuMode }): GpuJsInstance;
  /** Whether a WebGL2 context can be made (browsers). */
  readonly isWebGL2Supported?: boolean;
  /** Whether a WebGL context can be made (browsers). */
  readonly isWebGLSupported?: boolean;
  /** Whether headless-gl loads and opens a context (Node with a display). */
  readonly isHeadlessGLSupported?: boolean;
  /** Whether `navigator.gpu` exists (an adapter may still be missing). */
  readonly isWebGPUSupported?: boolean;
  /** Whether WebAssembly is available. */
  readonly isWebAssemblySupported?: boolean;
  /** Resolves whether a WebGPU adapter really answers. */
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
export const defaultGpuConstructor: GpuJsConstructor = BundledGPU;
