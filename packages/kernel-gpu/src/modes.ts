import type { GpuJsConstructor } from './gpu-js.js';

/**
 * The gpu.js backends this package drives, best first:
 *
 * - `webgl2`, `webgl`: the browser's GPU through WebGL (fragment shaders over textures);
 * - `headlessgl`: WebGL 1 in Node through the optional `gl` module (needs a display:
 *   run under `xvfb-run -a` on a server);
 * - `webgpu`: compute shaders where an adapter exists (asynchronous: kernels return promises);
 * - `webasm`: gpu.js's WebAssembly (SIMD) backend, everywhere;
 * - `cpu`: gpu.js's JavaScript backend, everywhere.
 *
 * @example
 * ```ts
 * import { GPU_MODES } from '@qaxon/kernel-gpu';
 * console.log(GPU_MODES); // ['webgl2', 'webgl', 'headlessgl', 'webgpu', 'webasm', 'cpu']
 * ```
 */
export const GPU_MODES = ['webgl2', 'webgl', 'headlessgl', 'webgpu', 'webasm', 'cpu'] as const;

/**
 * One of {@link GPU_MODES}.
 *
 * @example
 * ```ts
 * import type { GpuMode } from '@qaxon/kernel-gpu';
 * const mode: GpuMode = 'webasm';
 * ```
 */
export type GpuMode = (typeof GPU_MODES)[number];

/**
 * What `createGpuBackend` accepts as `mode`: a {@link GpuMode}, or `'auto'` for the first
 * synchronous mode of {@link AUTO_MODE_ORDER} that is available and passes the self-test.
 *
 * @example
 * ```ts
 * import type { GpuModeRequest } from '@qaxon/kernel-gpu';
 * const request: GpuModeRequest = 'auto';
 * ```
 */
export type GpuModeRequest = GpuMode | 'auto';

/**
 * The order `auto` tries modes in. WebGPU is left out, as gpu.js itself leaves it out of
 * its automatic choice: its presence (`navigator.gpu`) does not prove an adapter exists and
 * its kernels are asynchronous. Ask for it explicitly.
 *
 * @example
 * ```ts
 * import { AUTO_MODE_ORDER } from '@qaxon/kernel-gpu';
 * console.log(AUTO_MODE_ORDER.at(-1)); // 'cpu'
 * ```
 */
export const AUTO_MODE_ORDER: readonly GpuMode[] = Object.freeze(['webgl2', 'webgl', 'headlessgl', 'webasm', 'cpu'] as const);

/**
 * How a mode computes, which decides the kernel programs and the weight layout:
 * `gl` (textures; int8 packed 4 per RGBA8 texel), `buffer` (WebAssembly memory or WebGPU
 * storage buffers of float32 words; int8 packed 3 per word), `host` (JavaScript arrays read
 * in place).
 *
 * @example
 * ```ts
 * import { modeFamily } from '@qaxon/kernel-gpu';
 * console.log(modeFamily('headlessgl')); // 'gl'
 * ```
 */
export function modeFamily(mode: GpuMode): 'gl' | 'buffer' | 'host' {
  switch (mode) {
    case 'webgl2':
    case 'webgl':
    case 'headlessgl':
      return 'gl';
    case 'webgpu':
    case 'webasm':
      return 'buffer';
    case 'cpu':
      return 'host';
  }
}

/**
 * True when `mode` is a {@link GpuMode}.
 *
 * @example
 * ```ts
 * import { isGpuMode } from '@qaxon/kernel-gpu';
 * console.log(isGpuMode('webasm'), isGpuMode('gpu')); // true false
 * ```
 */
export function isGpuMode(mode: unknown): mode is GpuMode {
  return typeof mode === 'string' && (GPU_MODES as readonly string[]).includes(mode);
}

/**
 * Whether gpu.js reports `mode` as usable here, synchronously, and if not, why. For
 * `webgpu` this only says that `navigator.gpu` exists: use {@link detectGpuModes} for the
 * adapter check.
 *
 * @example
 * ```ts
 * import { defaultGpuConstructor as GPU, gpuModeSupport } from '@qaxon/kernel-gpu';
 * console.log(gpuModeSupport('cpu', GPU)); // true
 * console.log(gpuModeSupport('webgl2', GPU)); // 'gpu.js reports no WebGL2 context ...' in Node
 * ```
 */
export function gpuModeSupport(mode: GpuMode, GPU: GpuJsConstructor): true | string {
  const check = (supported: boolean | undefined, reason: string): true | string => (supported === true ? true : reason);
  switch (mode) {
    case 'webgl2':
      return check(safely(() => GPU.isWebGL2Supported), 'gpu.js reports no WebGL2 context (a browser with WebGL2 is needed)');
    case 'webgl':
      return check(safely(() => GPU.isWebGLSupported), 'gpu.js reports no WebGL context (a browser with WebGL is needed)');
    case 'headlessgl':
      return check(
        safely(() => GPU.isHeadlessGLSupported),
        "gpu.js could not open a headless-gl context (the optional 'gl' module must be built, and a display must exist: run under xvfb-run -a)",
      );
    case 'webgpu':
      return check(safely(() => GPU.isWebGPUSupported), 'navigator.gpu does not exist (a browser with WebGPU is needed)');
    case 'webasm':
      return check(safely(() => GPU.isWebAssemblySupported), 'WebAssembly is not available');
    case 'cpu':
      return true;
  }
}

/**
 * The modes gpu.js reports as usable here, synchronously, best first (see
 * {@link gpuModeSupport}; `webgpu` is listed when `navigator.gpu` exists).
 *
 * @example
 * ```ts
 * import { availableGpuModes, defaultGpuConstructor as GPU } from '@qaxon/kernel-gpu';
 * console.log(availableGpuModes(GPU)); // ['webasm', 'cpu'] in Node without a display
 * ```
 */
export function availableGpuModes(GPU: GpuJsConstructor): GpuMode[] {
  return GPU_MODES.filter((mode) => gpuModeSupport(mode, GPU) === true);
}

/**
 * Like {@link availableGpuModes}, but `webgpu` is listed only when an adapter really
 * answers (`navigator.gpu.requestAdapter()`).
 *
 * @example
 * ```ts
 * import { defaultGpuConstructor as GPU, detectGpuModes } from '@qaxon/kernel-gpu';
 * const modes = await detectGpuModes(GPU); // e.g. ['webgl2', 'webgl', 'webgpu', 'webasm', 'cpu'] in Chromium
 * ```
 */
export async function detectGpuModes(GPU: GpuJsConstructor): Promise<GpuMode[]> {
  const modes = availableGpuModes(GPU);
  if (!modes.includes('webgpu')) return modes;
  let adapter: boolean;
  try {
    adapter = (await GPU.isWebGPUAvailable?.()) === true;
  } catch {
    adapter = false;
  }
  return adapter ? modes : modes.filter((mode) => mode !== 'webgpu');
}

function safely(read: () => boolean | undefined): boolean {
  try {
    return read() === true;
  } catch {
    return false;
  }
}
