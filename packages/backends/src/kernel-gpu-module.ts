import type { Backend } from '@qaxon/tensor';

/**
 * The gpu.js modes that can run on GPU hardware, the ones {@link createBestBackend} tries
 * (`webasm` and `cpu` run on the CPU, where the WebAssembly SIMD backend is faster).
 *
 * @example
 * ```ts
 * import type { GpuHardwareMode } from '@qaxon/backends';
 * const modes: GpuHardwareMode[] = ['webgl2', 'webgl'];
 * ```
 */
export type GpuHardwareMode = 'webgpu' | 'webgl2' | 'webgl' | 'headlessgl';

/**
 * The part of `@qaxon/kernel-gpu` that {@link createBestBackend} uses. `@qaxon/kernel-gpu`
 * (and gpu.js with it) is an optional peer dependency: in Node it is imported when
 * installed; in a browser bundle pass the module yourself (`import * as kernelGpu from
 * '@qaxon/kernel-gpu'`), so that the bundler sees it.
 *
 * @example
 * ```ts
 * import { createBestBackend, type KernelGpuModule } from '@qaxon/backends';
 * // In a browser bundle: import * as kernelGpu from '@qaxon/kernel-gpu' (with gpu.js installed).
 * async function bestWith(kernelGpu: KernelGpuModule) {
 *   return createBestBackend({ kernelGpu });
 * }
 * ```
 */
export interface KernelGpuModule {
  /** gpu.js's `GPU` class as `@qaxon/kernel-gpu` imports it. */
  readonly defaultGpuConstructor: unknown;
  // `never`: any gpu.js `GPU` type fits; createBestBackend hands over what it was given.
  /** The gpu.js modes the `GPU` class offers here. */
  availableGpuModes(GPU: never): readonly string[];
  /** Creates a gpu.js backend in one mode. */
  createGpuBackend(options: { mode: GpuHardwareMode; GPU?: never }): Backend & {
    readonly ready: Promise<void>;
    readonly renderer: string | undefined;
    dispose(): void;
  };
}

// A variable specifier: bundlers leave the import alone, so a bundle without
// @qaxon/kernel-gpu still builds (browser bundles pass the module in the options instead).
const KERNEL_GPU_SPECIFIER = '@qaxon/kernel-gpu';

/** Imports `@qaxon/kernel-gpu` if it is installed; otherwise says why the GPU modes are left out. */
export async function importKernelGpu(): Promise<KernelGpuModule | string> {
  try {
    return (await import(/* @vite-ignore */ KERNEL_GPU_SPECIFIER)) as KernelGpuModule;
  } catch (error) {
    return kernelGpuImportFailure(error);
  }
}

/** Why importing `@qaxon/kernel-gpu` failed, in words: not installed (and how to add it), or broken. */
export function kernelGpuImportFailure(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const missing = (error as { code?: unknown } | null)?.code === 'ERR_MODULE_NOT_FOUND' || /cannot find (module|package)|failed to resolve module/i.test(message);
  if (missing) {
    return `@qaxon/kernel-gpu is not installed, so no gpu.js mode was tried (npm install @qaxon/kernel-gpu gpu.js to add them; in a browser bundle pass { kernelGpu } as well): ${message}`;
  }
  return `@qaxon/kernel-gpu failed to load, so no gpu.js mode was tried: ${message}`;
}
