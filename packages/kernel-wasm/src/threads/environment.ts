/**
 * True when running under Node.js (worker threads come from `node:worker_threads`).
 *
 * @example
 * ```ts
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
 * ```ts
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
 * ```ts
 * const threads = Math.min(4, hardwareThreads());
 * ```
 */
export function hardwareThreads(): number {
  const navigator = (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator;
  const count = navigator?.hardwareConcurrency;
  return typeof count === 'number' && count > 0 ? count : 1;
}

/**
 * Whether shared WebAssembly memory can be created and handed to workers here: needs
 * `SharedArrayBuffer` and, in browsers, a cross-origin isolated page (COOP + COEP headers).
 *
 * @example
 * ```ts
 * const threads = sharedMemoryAvailable() ? 4 : 1;
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
