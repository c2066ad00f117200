/**
 * `@qaxon/kernel-wasm`: a WebAssembly SIMD backend for qaxon's `dense` and weight-only int8
 * `quantizedDense`. Kernels are written in AssemblyScript (`asm/`), compiled at build time
 * and embedded in the package, so they load in Node and browsers with no fetch and no
 * bundler setup. Int8 weights are uploaded once per kernel and stay int8; optional worker
 * threads split the output columns with bit-identical results.
 *
 * @example
 * ```ts
 * import { createWasmBackend } from '@qaxon/kernel-wasm';
 * import { QTensor, randomNormal } from '@qaxon/tensor';
 * const backend = await createWasmBackend({ threads: 2 });
 * const q = QTensor.fromTensor(randomNormal([4096, 4096], { seed: 1 }));
 * const y = backend.quantizedDense(randomNormal([1, 4096], { seed: 2 }), q); // [1, 4096]
 * backend.dispose();
 * ```
 *
 * @packageDocumentation
 */
export { createWasmBackend, type WasmBackend, type WasmBackendMemory } from './wasm-backend.js';
export { MAX_THREADS, type WasmBackendOptions } from './options.js';
export { WasmBackendError } from './errors.js';
export { sharedMemoryAvailable } from './threads/environment.js';
