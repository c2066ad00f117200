/**
 * `@qaxon/kernel-gpu`: qaxon's gpu.js backend (Backend v2). `dense`, weight-only int8
 * `quantizedDense`, batched `matMul`, `attention` (grouped-query, causal with a KV cache,
 * padding mask), `rmsNorm`, `layerNorm`, `rope`, the activations, broadcasting arithmetic,
 * `softmax`/`logSoftmax` and `reshape` as gpu.js kernels on WebGL2/WebGL (browsers), headless-gl (Node), WebGPU,
 * WebAssembly and CPU; on GL modes data stays in textures between ops, and int8 weights
 * stay int8 on the device.
 *
 * @example
 * ```ts
 * import { QTensor, randomNormal, runOp } from '@qaxon/tensor';
 * import { createGpuBackend } from '@qaxon/kernel-gpu';
 * const backend = createGpuBackend({ mode: 'auto' });
 * const q = QTensor.fromTensor(randomNormal([256, 64], { seed: 1 }));
 * const y = await runOp(backend, 'quantizedDense', { x: randomNormal([8, 256], { seed: 2 }), kernel: q }, {});
 * console.log(backend.mode, y.shape); // e.g. 'webasm' [8, 64]
 * backend.dispose();
 * ```
 *
 * @packageDocumentation
 */
export {
  createGpuBackend,
  type GpuBackend,
  type GpuBackendMemory,
  type GpuBackendOptions,
  type GpuTransfers,
  type SkippedMode,
} from './backend.js';
export { GpuHandle } from './handles/gpu-handle.js';
export { webGlRenderer } from './renderer.js';
export { gpuConformanceSupports } from './conformance-supports.js';
export { GpuBackendError, GpuModeUnavailableError, GpuSelfTestError } from './errors.js';
export { defaultGpuConstructor, type GpuJsConstructor, type GpuJsInstance, type GpuJsKernel } from './gpu-js.js';
export {
  AUTO_MODE_ORDER,
  GPU_MODES,
  availableGpuModes,
  detectGpuModes,
  gpuModeSupport,
  isGpuMode,
  modeFamily,
  type GpuMode,
  type GpuModeRequest,
} from './modes.js';
export type { GpuTileLimits } from './tiling.js';
export { DENSE_SOURCE, DENSE_COLUMNS_SOURCE, DENSE_COLUMNS_SPLIT_SOURCE } from './kernels/dense.js';
export { QUANTIZED_DENSE_TEXEL_SOURCE } from './kernels/quantized-dense-texel.js';
export { QUANTIZED_DENSE_PACKED_SOURCE, QUANTIZED_DENSE_PACKED_SPLIT_SOURCE } from './kernels/quantized-dense-packed.js';
export { QUANTIZED_DENSE_DIRECT_SOURCE } from './kernels/quantized-dense-direct.js';
