/**
 * True when running under Node.js (worker threads come from `node:worker_threads`).
 *
 * @example
 * ```text
 * console.log(isNode()); // true under Node, false in a browser
 * ```
 */
export function isNode(): boolean {
  const process = (globalThis as { process?: { versions?: { node?: string } } }).process;
  return typeof process?.versions?.node === 'string';
}

/**
 * Whether this thread may block in `Atomics.wait` (Node's main thread and workers may; a
 * browser's main thread may not, and spins instead).
 *
 * @example
 * ```text
 * const waits = canBlock(new Int32Array(new SharedArrayBuffer(4)));
 * ```
 */
export function canBlock(shared: Int32Array): boolean {
  try {
    Atomics.wait(shared, 0, 1, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Logical processors available, from `os.availableParallelism()`-like sources: the
 * browser's `navigator.hardwareConcurrency`, else 1 (the caller may pass a number).
 *
 * @example
 * ```text
 * const threads = Math.min(4, hardwareThreads());
 * ```
 */
export function hardwareThreads(): number {
  const navigator = (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator;
  const count = navigator?.hardwareConcurrency;
  return typeof count === 'number' && count > 0 ? count : 1;
}

/**
 * Whether shared WebAssembly memory can be created and handed to workers here, i.e.
 * whether {@link createWasmBackend} can use more than one thread: needs
 * `SharedArrayBuffer` and, in browsers, Web Workers and a cross-origin isolated page
 * (`Cross-Origin-Opener-Policy: same-origin`, `Cross-Origin-Embedder-Policy: require-corp`).
 *
 * @example
 * ```ts
 * import { createWasmBackend, sharedMemoryAvailable } from '@qaxon/kernel-wasm';
 * const backend = await createWasmBackend({ threads: sharedMemoryAvailable() ? 4 : 1 });
 * console.log(backend.threads);
 * backend.dispose();
 * ```
 */
export function sharedMemoryAvailable(): boolean {
  if (typeof SharedArrayBuffer === 'undefined') return false;
  const isolated = (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated;
  if (!isNode() && isolated !== true) return false;
  if (!isNode() && typeof Worker === 'undefined') return false;
  try {
    new WebAssembly.Memory({ initial: 1, maximum: 1, shared: true });
    return true;
  } catch {
    return false;
  }
}
