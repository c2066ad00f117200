import { GPU } from 'gpu.js';
import { createGpuBackend, detectGpuModes, type GpuBackend, type GpuJsConstructor, type GpuMode, type GpuModeRequest } from '@qaxon/kernel-gpu';

/** gpu.js's `GPU` class as the page bundles it (its browser build), handed to the backend. */
export const PAGE_GPU: GpuJsConstructor = GPU;

/**
 * Creates the page's gpu.js backend in `mode` (`'auto'` picks WebGL2 when the browser has
 * it) and waits for its self-test.
 *
 * @example
 * ```ts
 * const backend = await createPageBackend('auto');
 * console.log(backend.mode); // 'webgl2' in Chromium
 * ```
 */
export async function createPageBackend(mode: GpuModeRequest): Promise<GpuBackend> {
  const backend = createGpuBackend({ mode, GPU: PAGE_GPU });
  try {
    await backend.ready;
  } catch (error) {
    backend.dispose();
    throw error;
  }
  return backend;
}

/**
 * The gpu.js modes this browser offers, best first (WebGPU only when an adapter answers).
 *
 * @example
 * ```ts
 * console.log(await pageGpuModes()); // e.g. ['webgl2', 'webgl', 'webgpu', 'webasm', 'cpu']
 * ```
 */
export function pageGpuModes(): Promise<GpuMode[]> {
  return detectGpuModes(PAGE_GPU);
}
