/**
 * `@qaxon/backends`: picks the best qaxon compute backend for the machine, and says why —
 * a gpu.js GPU mode on real GPU hardware, otherwise the WebAssembly SIMD kernels,
 * otherwise the reference backend.
 *
 * @example
 * ```ts
 * import { createBestBackend } from '@qaxon/backends';
 * const best = await createBestBackend();
 * console.log(best.backend.name, '-', best.reason);
 * best.backend.dispose?.();
 * ```
 *
 * @packageDocumentation
 */
export { createBestBackend, type BestBackendOptions } from './create-best-backend.js';
export type { GpuHardwareMode, KernelGpuModule } from './kernel-gpu-module.js';
export { type BackendKind, type BestBackend, type ConsideredBackend } from './backend-choice.js';
export { SOFTWARE_RENDERER_MARKERS, isSoftwareRenderer } from './software-renderer.js';
export { webGpuAdapterDescription } from './webgpu-adapter.js';
