/**
 * `@qaxon/kernel-wasm`: a WebAssembly SIMD backend for qaxon (Backend v2). Its handles hold
 * data in the module's memory; `dense` and weight-only int8 `quantizedDense` run SIMD
 * kernels written in AssemblyScript (`asm/`), compiled at build time and embedded in the
 * package, so they load in Node and browsers with no fetch and no bundler setup. Int8
 * weights stay int8; optional worker threads split the output columns with bit-identical
 * results. The transformer ops (fused `attention`, `rope`, the norms, softmax, the
 * activations, `matMul`) and the elementwise arithmetic run SIMD kernels, and the layout
 * ops copy inside the module's memory, so a block's chain of ops never leaves it.
 *
 * @example
 * ```ts
 * import { createWasmBackend } from '@qaxon/kernel-wasm';
 * import { QTensor, randomNormal, runOp } from '@qaxon/tensor';
 * const backend = await createWasmBackend({ threads: 2 });
 * const q = QTensor.fromTensor(randomNormal([4096, 4096], { seed: 1 }));
 * const y = await runOp(backend, 'quantizedDense', { x: randomNormal([1, 4096], { seed: 2 }), kernel: q }, {}); // [1, 4096]
 * backend.dispose();
 * ```
 *
 * @packageDocumentation
 */
export { createWasmBackend, type WasmBackend, type WasmBackendMemory } from './wasm-backend.js';
export { MAX_THREADS, type WasmBackendOptions } from './options.js';
export { WasmBackendError } from './errors.js';
export { WasmHandle } from './handles/wasm-handle.js';
export { sharedMemoryAvailable } from './threads/environment.js';
