/**
 * Options of {@link createWasmBackend}.
 *
 * @example
 * ```ts
 * import { createWasmBackend, type WasmBackendOptions } from '@qaxon/kernel-wasm';
 * const options: WasmBackendOptions = { threads: 2 };
 * const backend = await createWasmBackend(options);
 * backend.dispose();
 * ```
 */
export interface WasmBackendOptions {
  /**
   * Threads that compute, the calling thread included (default 1: no workers). `'auto'`
   * uses every logical processor (`os.availableParallelism()` in Node,
   * `navigator.hardwareConcurrency` in browsers), at most 8. Where shared memory is not
   * available (a browser page that is not cross-origin isolated) the backend runs on one
   * thread with the same results; {@link WasmBackend.threads} tells how many it got.
   * At most {@link MAX_THREADS} (16): each thread is a worker with its own module
   * instance (about 10 MB and 0.2 s to start), and more threads than that only contend.
   */
  threads?: number | 'auto';
  /**
   * Multiply-adds (`rows * in * units`) from which a call is split across the threads
   * (default 2^20, about 0.1 ms of work); smaller calls run on the calling thread alone,
   * since waking workers costs tens of microseconds. The results do not depend on it.
   */
  parallelThreshold?: number;
  /**
   * Largest size the module's memory may grow to, in bytes (default and upper bound 4 GiB,
   * the wasm32 limit). Shared memories reserve this much address space up front.
   */
  maximumMemoryBytes?: number;
  /**
   * true: load the kernels built with WebAssembly relaxed SIMD where the engine has it
   * (found by validating a tiny module: Node 22+, current browsers; elsewhere the plain
   * build loads). Only the W8A8 GEMM (`dynamicQuantizedDense`, 32 rows or more) differs: it
   * uses `i32x4.relaxed_dot_i8x16_i7x16_add_s` on x split in two 7-bit halves, the same
   * bits as the plain build. Default false: on x86 with AVX-VNNI it measured 0.89-0.96x the
   * plain GEMM's time (Node 24, Zen 4), but without VNNI V8 emulates the instruction and it
   * took 2.0x; ARM with SDOT is not measured.
   */
  relaxedSimd?: boolean;
}

/**
 * Default {@link WasmBackendOptions.parallelThreshold}: 2^20 multiply-adds.
 *
 * @example
 * ```text
 * rows * inner * units >= DEFAULT_PARALLEL_THRESHOLD  // 1x1024x1024 is split, 1x512x512 is not
 * ```
 */
export const DEFAULT_PARALLEL_THRESHOLD = 1 << 20;

/**
 * Upper bound of {@link WasmBackendOptions.threads} `'auto'`.
 *
 * @example
 * ```text
 * threads = Math.min(MAX_AUTO_THREADS, availableParallelism())
 * ```
 */
export const MAX_AUTO_THREADS = 8;

/**
 * Largest {@link WasmBackendOptions.threads} accepted: 16. A larger number is a
 * `WasmBackendError` (32 threads used to take 6.7 s and 308 MB to start).
 *
 * @example
 * ```ts
 * import { MAX_THREADS } from '@qaxon/kernel-wasm';
 * console.log(MAX_THREADS); // 16
 * ```
 */
export const MAX_THREADS = 16;
