import { QaxonError } from '@qaxon/tensor';

/**
 * Thrown by a WASM backend that cannot do what was asked: it was disposed, the module's
 * memory cannot grow any further, WebAssembly SIMD is missing, or a worker thread failed.
 * The message says what was expected and what happened.
 *
 * @example
 * ```ts
 * import { createWasmBackend, WasmBackendError } from '@qaxon/kernel-wasm';
 * import { ones } from '@qaxon/tensor';
 * const backend = await createWasmBackend();
 * backend.dispose();
 * try {
 *   backend.upload(ones([1, 2]));
 * } catch (error) {
 *   console.log(error instanceof WasmBackendError); // true: the backend was disposed
 * }
 * ```
 */
export class WasmBackendError extends QaxonError {
  override name = 'WasmBackendError';
}
