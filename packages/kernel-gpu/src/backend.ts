import type { Backend, BackendMemory, Handle, QTensor, StreamedWeight, Tensor } from '@qaxon/tensor';
import { GpuBackendError, GpuModeUnavailableError } from './errors.js';
import { defaultGpuConstructor, type GpuJsConstructor } from './gpu-js.js';
import { GpuJsBackend } from './gpu-js-backend.js';
import type { GpuHandle } from './handles/gpu-handle.js';
import { AUTO_MODE_ORDER, GPU_MODES, availableGpuModes, gpuModeSupport, isGpuMode, type GpuMode, type GpuModeRequest } from './modes.js';
import type { GpuTileLimits } from './tiling.js';

/**
 * Options of {@link createGpuBackend}.
 *
 * @example
 * ```ts
 * import type { GpuBackendOptions } from '@qaxon/kernel-gpu';
 * const options: GpuBackendOptions = { mode: 'auto' };
 * ```
 */
export interface GpuBackendOptions {
  /** The gpu.js mode, or `'auto'` (default): see {@link AUTO_MODE_ORDER}. */
  mode?: GpuModeRequest;
  /** The gpu.js `GPU` constructor (default: the `gpu.js` package's). */
  GPU?: GpuJsConstructor;
  /** Run the exact self-test before handing the backend out (default true). */
  verify?: boolean;
  /** Override the tiling limits (mostly for tests). */
  limits?: Partial<GpuTileLimits>;
  /**
   * `webasm` only: run kernels on gpu.js's WebAssembly worker pool (one worker per CPU, on
   * shared memory; needs `SharedArrayBuffer`, i.e. cross-origin isolation in browsers).
   * Kernels then return promises. Default false. Other modes ignore it.
   */
  threads?: boolean;
}

/**
 * What {@link GpuBackend.memory} reports: `deviceBytes = weightBytes + ioBytes +
 * tensorBytes` (estimates of what gpu.js holds: textures on GL modes, WebAssembly memories
 * and host arrays elsewhere).
 *
 * @example
 * ```ts
 * import type { GpuBackendMemory } from '@qaxon/kernel-gpu';
 * const memory: GpuBackendMemory = { deviceBytes: 12, handles: 2, weightBytes: 8, ioBytes: 2, tensorBytes: 2 };
 * ```
 */
export interface GpuBackendMemory extends BackendMemory {
  /** Bytes of packed weights, scales and zero points. */
  weightBytes: number;
  /** Bytes of input and output buffers the dense kernels keep between calls. */
  ioBytes: number;
  /** Bytes of tensors: uploaded arrays and the textures kernels returned. */
  tensorBytes: number;
}

/**
 * Host-device transfers a backend made since it was created (or since
 * {@link GpuBackend.resetTransfers}): `upload` and `uploadStreamed` calls, and `download`
 * calls. Tests use it to check that a chain of ops stays on the device.
 *
 * @example
 * ```ts
 * import type { GpuTransfers } from '@qaxon/kernel-gpu';
 * const oneRoundTrip: GpuTransfers = { uploads: 1, downloads: 1 };
 * ```
 */
export interface GpuTransfers {
  /** Tensors and weights put on the backend. */
  uploads: number;
  /** Handles brought back to the host. */
  downloads: number;
}

/**
 * A mode `auto` tried and passed over, and why.
 *
 * @example
 * ```ts
 * import type { SkippedMode } from '@qaxon/kernel-gpu';
 * const skipped: SkippedMode = { mode: 'webgl2', reason: "gpu.js mode 'webgl2' failed the self-test: ..." };
 * ```
 */
export interface SkippedMode {
  /** The mode. */
  mode: GpuMode;
  /** Why it was not used. */
  reason: string;
}

/**
 * A `Backend` running gpu.js kernels (see {@link createGpuBackend}).
 *
 * @example
 * ```ts
 * import { createGpuBackend, type GpuBackend } from '@qaxon/kernel-gpu';
 * const backend: GpuBackend = createGpuBackend({ mode: 'cpu' });
 * console.log(backend.name, backend.mode); // 'gpu.js:cpu' 'cpu'
 * backend.dispose();
 * ```
 */
export interface GpuBackend extends Backend {
  /** `gpu.js:<mode>`. */
  readonly name: string;
  /** The gpu.js mode that really runs (after `auto` and any fallback). */
  readonly mode: GpuMode;
  /** Modes `auto` tried first and why each was passed over. */
  readonly skippedModes: readonly SkippedMode[];
  /** The tiling limits in force. */
  readonly limits: Readonly<GpuTileLimits>;
  /** Resolves once the self-test has passed (at once, but for `webgpu` and threaded `webasm`, whose kernels are asynchronous); rejects with its error. */
  readonly ready: Promise<void>;
  /**
   * The GPU (or software rasterizer) a GL mode runs on, as the WebGL context names it
   * (e.g. `'ANGLE (NVIDIA, ...)'` or SwiftShader in a browser); `undefined` when it cannot
   * be told (headless-gl reports only `'ANGLE'`) and on non-GL modes.
   */
  readonly renderer: string | undefined;
  /** Puts a tensor on the backend (a QTensor packed for the mode's int8 program). */
  upload(value: Tensor | QTensor): GpuHandle;
  /** Reads a weight row block by row block, then packs it like {@link GpuBackend.upload}. */
  uploadStreamed(weight: StreamedWeight): Promise<GpuHandle>;
  /** A new host tensor with the handle's data (a quantized weight cannot be downloaded). */
  download(handle: Handle): Tensor;
  /** Frees one handle's data (a texture, packed weights and their kernels); releasing twice does nothing. */
  release(handle: Handle): void;
  /** Bytes held by live handles, and their number. */
  memory(): GpuBackendMemory;
  /** Uploads and downloads so far (see {@link GpuTransfers}). */
  transfers(): GpuTransfers;
  /** Sets the transfer counters back to 0. */
  resetTransfers(): void;
  /** Frees every handle, every compiled program and the gpu.js context; later calls throw. */
  dispose(): void;
}

/**
 * Creates a Backend v2 running gpu.js: WebGL2/WebGL in browsers, headless-gl in Node,
 * WebGPU where an adapter exists (its kernels return promises), gpu.js's WebAssembly and
 * CPU backends everywhere.
 *
 * - Handles hold textures on GL modes: every kernel (`dense`, `quantizedDense`, the
 *   activations, `add`/`subtract`/`multiply`/`divide` with broadcasting, `softmax` and
 *   `logSoftmax` on the last axis, `reshape`) reads and returns textures, so a chain of
 *   ops uploads its input once and downloads its output once. On the other modes handles
 *   hold host arrays, which gpu.js's WebAssembly and JavaScript kernels read in place.
 * - int8 stays int8: 4 weights per RGBA8 texel on GL modes, 3 per float32 word on
 *   WebAssembly/WebGPU, the QTensor's own `Int8Array` in `cpu` mode; each column's scale
 *   multiplies the finished sum, and no float copy of the kernel is ever made. Weights are
 *   packed when uploaded; a weight over the device's limits (GL: more than one texture)
 *   or in a layout the programs lack is refused by its kernel with
 *   `KernelUnsupportedError`, so the op runs on the reference backend instead.
 * - `precision` declares how close to the reference each op is in this mode (GL float
 *   math is not bit-identical).
 * - Before it is returned the backend solves a small problem with an exactly known answer
 *   (`verify: false` skips this); `auto` moves on to the next mode when one fails.
 *
 * Asking for a mode that is not available throws {@link GpuModeUnavailableError}, which
 * lists the modes that are.
 *
 * @example
 * ```ts
 * import { QTensor, randomNormal, runOp } from '@qaxon/tensor';
 * import { createGpuBackend } from '@qaxon/kernel-gpu';
 * const backend = createGpuBackend(); // 'auto'
 * const q = QTensor.fromTensor(randomNormal([784, 128], { seed: 1 }));
 * const y = await runOp(backend, 'quantizedDense', { x: randomNormal([32, 784], { seed: 2 }), kernel: q }, {});
 * console.log(backend.mode, y.shape, backend.memory()); // e.g. 'webasm' [32, 128] {...}
 * backend.dispose();
 * ```
 */
export function createGpuBackend(options: GpuBackendOptions = {}): GpuBackend {
  const GPU = options.GPU ?? defaultGpuConstructor;
  const request: unknown = options.mode ?? 'auto';
  if (request === 'auto') {
    const skipped: SkippedMode[] = [];
    for (const mode of AUTO_MODE_ORDER) {
      const support = gpuModeSupport(mode, GPU);
      if (support !== true) continue;
      try {
        return new GpuJsBackend(GPU, mode, options, skipped);
      } catch (error) {
        skipped.push({ mode, reason: error instanceof Error ? error.message : String(error) });
      }
    }
    throw new GpuBackendError(
      `createGpuBackend: no gpu.js mode worked (${skipped.map(({ mode, reason }) => `${mode}: ${reason}`).join('; ')})`,
    );
  }
  if (!isGpuMode(request)) {
    throw new GpuModeUnavailableError(
      String(request),
      availableGpuModes(GPU),
      `not a mode: expected 'auto' or one of ${GPU_MODES.join(', ')}`,
    );
  }
  const support = gpuModeSupport(request, GPU);
  if (support !== true) throw new GpuModeUnavailableError(request, availableGpuModes(GPU), support);
  return new GpuJsBackend(GPU, request, options, []);
}
