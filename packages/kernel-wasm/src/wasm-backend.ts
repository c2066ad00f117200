import { validateDenseInputs } from '@qaxon/kernel-reference';
import { describeValue, type Backend, type BackendMemory, type DenseBias, type QTensor, type Tensor } from '@qaxon/tensor';
import { runDense, type DenseContext } from './dense-call.js';
import { WasmBackendError } from './errors.js';
import { WasmHeap } from './memory/wasm-heap.js';
import { DEFAULT_PARALLEL_THRESHOLD, MAX_AUTO_THREADS, MAX_THREADS, type WasmBackendOptions } from './options.js';
import { SingleThreadExecutor, ThreadPool, type ChunkExecutor } from './threads/chunk-executor.js';
import { hardwareThreads, isNode, sharedMemoryAvailable } from './threads/environment.js';
import { KernelCache } from './uploads/kernel-cache.js';
import { loadKernelModule } from './wasm/kernel-module.js';
import { readJobLayout, type KernelExports } from './wasm/kernel-exports.js';

/**
 * What {@link WasmBackend.memory} reports: the bytes of the module's memory held in blocks
 * (uploaded kernels, scratch, the job block) and the number of cached kernels, plus the
 * size of the module's memory and the number of uploads done so far.
 *
 * @example
 * ```ts
 * import { createWasmBackend } from '@qaxon/kernel-wasm';
 * const backend = await createWasmBackend();
 * const { deviceBytes, cachedKernels, reservedBytes, uploads } = backend.memory();
 * backend.dispose();
 * ```
 */
export interface WasmBackendMemory extends BackendMemory {
  /** Bytes of the module's memory, held or free (WebAssembly memory never shrinks). */
  reservedBytes: number;
  /** Kernels uploaded since the backend was created (cache hits do not count). */
  uploads: number;
}

/**
 * A {@link Backend} whose `dense` and `quantizedDense` run WebAssembly SIMD kernels.
 * Results are returned synchronously, and are bit-identical whatever the thread count.
 *
 * @example
 * ```ts
 * import { createWasmBackend } from '@qaxon/kernel-wasm';
 * import { QTensor, randomNormal } from '@qaxon/tensor';
 * const backend = await createWasmBackend({ threads: 2 });
 * const q = QTensor.fromTensor(randomNormal([256, 64], { seed: 1 }));
 * const y = backend.quantizedDense(randomNormal([8, 256], { seed: 2 }), q, 0.1); // [8, 64]
 * backend.dispose();
 * ```
 */
export interface WasmBackend extends Backend {
  /** `'wasm'`. */
  readonly name: 'wasm';
  /** Threads that compute (the caller's included): 1 where shared memory is unavailable. */
  readonly threads: number;
  /** Float dense: `x · kernel + bias`; the f32 kernel is uploaded once (cached by identity). */
  dense(x: Tensor<'f32'>, kernel: Tensor<'f32'>, bias?: DenseBias): Tensor<'f32'>;
  /** Weight-only int8 dense; the int8 kernel is uploaded once (cached by identity), int8 stays int8. */
  quantizedDense(x: Tensor<'f32'>, kernel: QTensor, bias?: DenseBias): Tensor<'f32'>;
  /**
   * Frees the upload of one kernel (the next call with it uploads it again, e.g. after its
   * arrays were written to). Returns whether it had one.
   */
  release(kernel: Tensor<'f32'> | QTensor): boolean;
  /** Frees every upload and stops the worker threads; later calls throw {@link WasmBackendError}. */
  dispose(): void;
  /** Bytes held in the module's memory and the number of cached kernels. */
  memory(): WasmBackendMemory;
}

/**
 * Creates a WebAssembly SIMD backend: int8 GEMV/GEMM kernels written in AssemblyScript,
 * weights uploaded once per kernel into the module's memory in a column-panel layout (int8
 * stays int8), optional worker threads that split the output columns.
 *
 * Throws {@link WasmBackendError} where WebAssembly SIMD is not supported.
 *
 * @example
 * ```ts
 * import { createWasmBackend } from '@qaxon/kernel-wasm';
 * import { QTensor, randomNormal } from '@qaxon/tensor';
 * const backend = await createWasmBackend({ threads: 'auto' });
 * const q = QTensor.fromTensor(randomNormal([1024, 1024], { seed: 1 }));
 * const y = backend.quantizedDense(randomNormal([1, 1024], { seed: 2 }), q);
 * console.log(y.shape, backend.threads, backend.memory().deviceBytes);
 * backend.dispose();
 * ```
 */
export async function createWasmBackend(options: WasmBackendOptions = {}): Promise<WasmBackend> {
  const requested = await resolveThreads(options.threads);
  const parallelThreshold = options.parallelThreshold ?? DEFAULT_PARALLEL_THRESHOLD;
  if (!(parallelThreshold >= 0)) {
    throw new WasmBackendError(`createWasmBackend: expected parallelThreshold to be a number >= 0, got ${String(options.parallelThreshold)}`);
  }
  const shared = requested > 1 && sharedMemoryAvailable();
  const { module, memory } = await loadKernelModule({ shared, maximumBytes: options.maximumMemoryBytes });
  const instance = await WebAssembly.instantiate(module, { env: { memory } });
  const exports = instance.exports as unknown as KernelExports;
  const layout = readJobLayout(instance.exports);
  const heap = new WasmHeap(memory, 1024);
  const threads = shared ? requested : 1;
  const job = heap.allocate(layout.bytes);
  heap.i32(job, layout.bytes >> 2).fill(0);
  const scratch = heap.allocate(threads * layout.scratchBytes);
  const executor: ChunkExecutor = shared
    ? await ThreadPool.start(module, memory, exports, layout, job, threads)
    : new SingleThreadExecutor(exports, job);
  return new WasmBackendImpl({ heap, layout, job, executor, scratch, parallelThreshold }, new KernelCache(heap, exports));
}

class WasmBackendImpl implements WasmBackend {
  readonly name = 'wasm' as const;
  private readonly context: DenseContext;
  private readonly cache: KernelCache;
  private disposed = false;

  constructor(context: DenseContext, cache: KernelCache) {
    this.context = context;
    this.cache = cache;
  }

  get threads(): number {
    return this.context.executor.threads;
  }

  dense(x: Tensor<'f32'>, kernel: Tensor<'f32'>, bias?: DenseBias): Tensor<'f32'> {
    const { rows, outputShape } = validateDenseInputs('dense', x, kernel, bias);
    this.assertLive('dense');
    return runDense(this.context, this.cache.float(kernel), x.data, rows, outputShape, bias);
  }

  quantizedDense(x: Tensor<'f32'>, kernel: QTensor, bias?: DenseBias): Tensor<'f32'> {
    const { rows, outputShape } = validateDenseInputs('quantizedDense', x, kernel, bias);
    this.assertLive('quantizedDense');
    return runDense(this.context, this.cache.quantized(kernel), x.data, rows, outputShape, bias);
  }

  release(kernel: Tensor<'f32'> | QTensor): boolean {
    return !this.disposed && this.cache.release(kernel);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.cache.releaseAll();
    this.context.executor.dispose();
  }

  memory(): WasmBackendMemory {
    if (this.disposed) return { deviceBytes: 0, cachedKernels: 0, reservedBytes: 0, uploads: this.cache.uploadCount };
    const { heap } = this.context;
    return {
      deviceBytes: heap.allocatedBytes,
      cachedKernels: this.cache.size,
      reservedBytes: heap.reservedBytes,
      uploads: this.cache.uploadCount,
    };
  }

  private assertLive(where: string): void {
    if (this.disposed) {
      throw new WasmBackendError(`${where}: expected a live WASM backend, got one that was disposed (create a new one with createWasmBackend)`);
    }
  }
}

async function resolveThreads(threads: WasmBackendOptions['threads']): Promise<number> {
  if (threads === undefined) return 1;
  if (threads === 'auto') return Math.min(MAX_AUTO_THREADS, await availableThreads());
  if (!Number.isInteger(threads) || threads < 1 || threads > MAX_THREADS) {
    throw new WasmBackendError(
      `createWasmBackend: expected threads to be an integer from 1 to ${MAX_THREADS} (MAX_THREADS) or 'auto', got ${describeValue(threads)}`,
    );
  }
  return threads;
}

async function availableThreads(): Promise<number> {
  if (!isNode()) return hardwareThreads();
  const specifier = 'node:os';
  const os = (await import(/* @vite-ignore */ specifier)) as { availableParallelism?: () => number; cpus: () => unknown[] };
  return os.availableParallelism?.() ?? os.cpus().length;
}
