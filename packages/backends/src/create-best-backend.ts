import { referenceBackend } from '@qaxon/kernel-reference';
import { createWasmBackend } from '@qaxon/kernel-wasm';
import type { BestBackend, ConsideredBackend } from './backend-choice.js';
import { importKernelGpu, type GpuHardwareMode, type KernelGpuModule } from './kernel-gpu-module.js';
import { isSoftwareRenderer } from './software-renderer.js';
import { webGpuAdapterDescription } from './webgpu-adapter.js';

/**
 * Options of {@link createBestBackend}.
 *
 * @example
 * ```ts
 * import type { BestBackendOptions } from '@qaxon/backends';
 * const options: BestBackendOptions = { threads: 2, allowSoftwareGpu: false };
 * ```
 */
export interface BestBackendOptions {
  /**
   * The `@qaxon/kernel-gpu` module (`import * as kernelGpu from '@qaxon/kernel-gpu'`). By
   * default it is imported when installed (Node); pass it in browser bundles. Without it
   * no gpu.js mode is tried, and `considered` says so.
   */
  kernelGpu?: KernelGpuModule;
  /** The gpu.js `GPU` class (pass your own import in browser bundles); `@qaxon/kernel-gpu`'s by default. */
  GPU?: unknown;
  /** GPU modes to try, in order (default `webgpu`, `webgl2`, `webgl`, `headlessgl`). */
  gpuModes?: readonly GpuHardwareMode[];
  /** Threads for the WebAssembly backend (default `'auto'`). */
  threads?: number | 'auto';
  /** Accept a GPU mode that runs on a software renderer (default false: it is slower than the CPU backends). */
  allowSoftwareGpu?: boolean;
  /** Skip the GPU candidates entirely. */
  gpu?: boolean;
  /** Skip the WebAssembly candidate. */
  wasm?: boolean;
}

const DEFAULT_GPU_MODES: readonly GpuHardwareMode[] = ['webgpu', 'webgl2', 'webgl', 'headlessgl'];

/**
 * Picks the best backend this machine offers, and says why: a gpu.js GPU mode on real GPU
 * hardware (a software renderer such as llvmpipe or SwiftShader does not count), otherwise
 * the WebAssembly SIMD kernels of `@qaxon/kernel-wasm`, otherwise the reference backend.
 * The gpu.js modes are tried only where `@qaxon/kernel-gpu` (an optional peer dependency)
 * is installed or passed as `kernelGpu`. Every candidate is created for real (gpu.js modes pass their self-test first), and those
 * passed over are disposed.
 *
 * @example
 * ```ts
 * import { build, dense, input } from '@qaxon/graph';
 * import { createBestBackend } from '@qaxon/backends';
 * import { ones, template } from '@qaxon/tensor';
 * const { backend, kind, reason, considered } = await createBestBackend();
 * console.log(kind, reason, considered);
 * const model = dense(input('x'), 4);
 * const built = build(model, { backend });
 * const y = await built.predict(built.init(template([1, 8])), ones([1, 8]));
 * backend.dispose?.();
 * ```
 */
export async function createBestBackend(options: BestBackendOptions = {}): Promise<BestBackend> {
  const considered: ConsideredBackend[] = [];
  if (options.gpu !== false) {
    const picked = await pickGpu(options, considered);
    if (picked) return picked;
  }
  if (options.wasm !== false) {
    try {
      const backend = await createWasmBackend({ threads: options.threads ?? 'auto' });
      const candidate = `wasm (${backend.threads} thread${backend.threads === 1 ? '' : 's'})`;
      const reason = `no GPU hardware was usable, so the WebAssembly SIMD kernels run on the CPU with ${backend.threads} thread${backend.threads === 1 ? '' : 's'}`;
      considered.push({ candidate, picked: true, reason });
      return { backend, kind: 'wasm', reason, considered };
    } catch (error) {
      considered.push({ candidate: 'wasm', picked: false, reason: `could not start: ${messageOf(error)}` });
    }
  }
  const reason = 'neither a GPU nor WebAssembly SIMD was usable, so the scalar reference backend runs';
  considered.push({ candidate: 'reference', picked: true, reason });
  return { backend: referenceBackend, kind: 'reference', reason, considered };
}

async function pickGpu(options: BestBackendOptions, considered: ConsideredBackend[]): Promise<BestBackend | undefined> {
  const kernelGpu = options.kernelGpu ?? (await importKernelGpu());
  if (typeof kernelGpu === 'string') {
    considered.push({ candidate: 'gpu.js', picked: false, reason: kernelGpu });
    return undefined;
  }
  const GPU = (options.GPU ?? kernelGpu.defaultGpuConstructor) as never;
  const available = new Set(kernelGpu.availableGpuModes(GPU));
  for (const mode of options.gpuModes ?? DEFAULT_GPU_MODES) {
    const candidate = `gpu.js:${mode}`;
    if (!available.has(mode)) {
      considered.push({ candidate, picked: false, reason: 'not available here' });
      continue;
    }
    let backend: ReturnType<KernelGpuModule['createGpuBackend']> | undefined;
    try {
      const adapter = mode === 'webgpu' ? await webGpuAdapterDescription() : undefined;
      backend = kernelGpu.createGpuBackend({ mode, GPU });
      await backend.ready;
      const renderer = mode === 'webgpu' ? adapter : backend.renderer;
      if (renderer === undefined) {
        considered.push({ candidate, picked: false, reason: 'works, but its renderer cannot be identified, so it may be software' });
        backend.dispose();
        continue;
      }
      if (isSoftwareRenderer(renderer) && options.allowSoftwareGpu !== true) {
        considered.push({ candidate, picked: false, reason: `works, but on a software renderer (${renderer}), no faster than the CPU` });
        backend.dispose();
        continue;
      }
      const reason = `GPU hardware through gpu.js ${mode} (${renderer})`;
      considered.push({ candidate, picked: true, reason });
      return { backend, kind: 'gpu', reason, considered };
    } catch (error) {
      backend?.dispose();
      considered.push({ candidate, picked: false, reason: `failed to start: ${messageOf(error)}` });
    }
  }
  return undefined;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
