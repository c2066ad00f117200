import { createBestBackend, type BestBackend } from '@qaxon/backends';
import * as kernelGpu from '@qaxon/kernel-gpu';
import { PAGE_GPU } from './page-backend.js';

/**
 * `createBestBackend()` of `@qaxon/backends` with `@qaxon/kernel-gpu` and the page's gpu.js
 * build (a bundle passes both: the optional GPU stack is not imported behind its back): a
 * gpu.js mode when the browser runs it on real GPU hardware, otherwise the WebAssembly SIMD kernels of
 * `@qaxon/kernel-wasm` (on one thread unless the page is cross-origin isolated), otherwise
 * the reference backend — with the reason and every candidate's verdict. In headless
 * Chromium on SwiftShader the GPU modes are software, so it picks `wasm`.
 *
 * @example
 * ```ts
 * const best = await createPageBestBackend();
 * console.log(`${best.backend.name} (${best.kind}): ${best.reason}`);
 * ```
 */
export function createPageBestBackend(): Promise<BestBackend> {
  return createBestBackend({ kernelGpu, GPU: PAGE_GPU });
}
