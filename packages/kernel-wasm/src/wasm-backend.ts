import {
  describeValue,
  KernelUnsupportedError,
  QTensor,
  Tensor,
  ValueError,
  type Backend,
  type BackendMemory,
  type Handle,
  type KernelTable,
  type StreamedWeight,
} from '@qaxon/tensor';
import type { DenseContext } from './dense-call.js';
import { HandleStore } from './handles/handle-store.js';
import { WasmHandle } from './handles/wasm-handle.js';
import { attentionKernel } from './kernels/attention-kernel.js';
import { copyKernels } from './kernels/copy-kernels.js';
import { gatherKernel } from './kernels/gather-kernel.js';
import { denseKernels } from './kernels/dense-kernels.js';
import { withDenseActivations } from './kernels/dense-activation.js';
import { dynamicDenseKernel } from './kernels/dynamic-dense-kernel.js';
import { layoutKernels } from './kernels/layout-kernels.js';
import { mapKernels } from './kernels/map-kernels.js';
import { matMulKernel } from './kernels/mat-mul-kernel.js';
import { normKernels } from './kernels/norm-kernels.js';
import { WASM_PRECISION } from './kernels/precision.js';
import { ropeKernel } from './kernels/rope-kernel.js';
import { WasmBackendError } from './errors.js';
import { WasmHeap } from './memory/wasm-heap.js';
import { DEFAULT_PARALLEL_THRESHOLD, MAX_AUTO_THREADS, MAX_THREADS, type WasmBackendOptions } from './options.js';
import { SingleThreadExecutor, ThreadPool, type ChunkExecutor } from './threads/chunk-executor.js';
import { hardwareThreads, isNode, sharedMemoryAvailable } from './threads/environment.js';
import { releaseUpload } from './uploads/kernel-upload.js';
import { StagingBuffers } from './uploads/staging-buffers.js';
import { uploadStreamedKernel } from './uploads/streamed-upload.js';
import { loadKernelModule } from './wasm/kernel-module.js';
import { readJobLayout, type KernelExports } from './wasm/kernel-exports.js';

/**
 * What {@link WasmBackend.memory} reports: the bytes of the module's memory held by live
 * handles and their number, plus the size of the module's memory and the number of uploads
 * done so far.
 *
 * @example
 * ```ts
 * import { createWasmBackend } from '@qaxon/kernel-wasm';
 * const backend = await createWasmBackend();
 * const { deviceBytes, handles, reservedBytes, uploads } = backend.memory();
 * backend.dispose();
 * ```
 */
export interface WasmBackendMemory extends BackendMemory {
  /** Bytes of the module's memory, held or free (WebAssembly memory never shrinks). */
  reservedBytes: number;
  /** Tensors and weights uploaded (`upload` and `uploadStreamed`) since the backend was created. */
  uploads: number;
}

/**
 * A {@link Backend} whose data lives in a WebAssembly module's memory: `dense` and
 * `quantizedDense` run SIMD kernels over weights packed as 16-column panels (int8 stays
 * int8), bit-identical whatever the thread count; `attention` (fused), `rope`, the norms,
 * `softmax`/`logSoftmax`, the activations, `matMul` and the elementwise arithmetic run
 * SIMD kernels, and the layout ops and `gather` of float tables copy inside the module's memory. Ops that are not
 * bit-identical to the reference declare their `precision`. Kernels and downloads are
 * synchronous.
 *
 * @example
 * ```ts
 * import { createWasmBackend } from '@qaxon/kernel-wasm';
 * import { QTensor, randomNormal, runOp } from '@qaxon/tensor';
 * const backend = await createWasmBackend({ threads: 2 });
 * const q = QTensor.fromTensor(randomNormal([256, 64], { seed: 1 }));
 * const y = await runOp(backend, 'quantizedDense', { x: randomNormal([8, 256], { seed: 2 }), kernel: q }, {}); // [8, 64]
 * backend.dispose();
 * ```
 */
export interface WasmBackend extends Backend {
  /** `'wasm'`. */
  readonly name: 'wasm';
  /** Threads that compute (the caller's included): 1 where shared memory is unavailable. */
  readonly threads: number;
  /** Copies a tensor into the module's memory (a QTensor as int8 panels). */
  upload(value: Tensor | QTensor): WasmHandle;
  /** Packs a weight read row block by row block straight into the module's memory. */
  uploadStreamed(weight: StreamedWeight): Promise<WasmHandle>;
  /** A new host tensor with the handle's data (a quantized weight cannot be downloaded). */
  download(handle: Handle): Tensor;
  /** Frees every handle and stops the worker threads; later calls throw {@link WasmBackendError}. */
  dispose(): void;
  /** Bytes held in the module's memory by live handles, and their number. */
  memory(): WasmBackendMemory;
}

/**
 * Creates a WebAssembly SIMD backend: int8 GEMV/GEMM kernels written in AssemblyScript,
 * data held in the module's memory (weights as column panels, int8 stays int8), optional
 * worker threads that split the output columns.
 *
 * Throws {@link WasmBackendError} where WebAssembly SIMD is not supported.
 *
 * @example
 * ```ts
 * import { createWasmBackend } from '@qaxon/kernel-wasm';
 * import { QTensor, randomNormal, runOp } from '@qaxon/tensor';
 * const backend = await createWasmBackend({ threads: 'auto' });
 * const q = QTensor.fromTensor(randomNormal([1024, 1024], { seed: 1 }));
 * const y = await runOp(backend, 'quantizedDense', { x: randomNormal([1, 1024], { seed: 2 }), kernel: q }, {});
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
  const { module, memory } = await loadKernelModule({ shared, maximumBytes: options.maximumMemoryBytes, relaxedSimd: options.relaxedSimd });
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
  return new WasmBackendImpl({ heap, layout, job, executor, scratch, parallelThreshold }, exports);
}

class WasmBackendImpl implements WasmBackend {
  readonly name = 'wasm' as const;
  readonly kernels: KernelTable;
  readonly precision = WASM_PRECISION;
  private readonly context: DenseContext;
  private readonly exports: KernelExports;
  private readonly store: HandleStore;
  private readonly stagingBuffers = new StagingBuffers();
  private uploads = 0;
  private disposed = false;

  constructor(context: DenseContext, exports: KernelExports) {
    this.context = context;
    this.exports = exports;
    this.store = new HandleStore(this, context.heap, exports);
    const live = <F extends (...args: never[]) => unknown>(op: string, kernel: F): F =>
      ((...args: never[]) => {
        this.assertLive(op);
        return kernel(...args);
      }) as F;
    const table: Record<string, (...args: never[]) => unknown> = {
      ...denseKernels(this.store, context),
      ...dynamicDenseKernel(this.store, context, exports),
      ...mapKernels(this.store, context.heap, exports),
      ...layoutKernels(this.store, context.heap, exports),
      ...attentionKernel(this.store, context.heap, exports),
      ...ropeKernel(this.store, context.heap, exports),
      ...normKernels(this.store, context.heap, exports),
      ...matMulKernel(this.store, context.heap, exports),
      ...copyKernels(this.store, context.heap),
      ...gatherKernel(this.store, context.heap),
    };
    withDenseActivations(table, this.store, exports);
    for (const [op, kernel] of Object.entries(table)) table[op] = live(op, kernel);
    this.kernels = Object.freeze(table) as KernelTable;
  }

  get threads(): number {
    return this.context.executor.threads;
  }

  upload(value: Tensor | QTensor): WasmHandle {
    this.assertLive('upload');
    let handle: WasmHandle;
    if (value instanceof QTensor) handle = this.store.fromQTensor(value);
    else if (value instanceof Tensor) handle = this.store.fromTensor(value);
    else throw new ValueError(`wasm backend: upload expected a Tensor or a QTensor, got ${describeValue(value)}`);
    this.uploads++;
    return handle;
  }

  async uploadStreamed(weight: StreamedWeight): Promise<WasmHandle> {
    this.assertLive('uploadStreamed');
    const { values, scale, zeroPoint, layout } = weight;
    const bits = layout?.bits ?? 8;
    const axis = layout?.axis ?? 1;
    if (scale !== undefined && (bits !== 8 || (axis !== 1 && axis !== -1) || layout?.groupSize !== undefined)) {
      // The SIMD kernels take per-column int8 only; the loader then reads the whole weight and uploads it.
      throw new KernelUnsupportedError(
        'quantizedDense',
        `uploadStreamed takes per-output-channel int8 weights (bits 8, axis 1, no groups), got bits ${bits}, axis ${axis}${layout?.groupSize === undefined ? '' : `, groups of ${layout.groupSize}`}`,
      );
    }
    const upload = await uploadStreamedKernel(this.context.heap, this.exports, this.stagingBuffers, weight);
    if (this.disposed) {
      releaseUpload(this.context.heap, upload);
      this.assertLive('uploadStreamed');
    }
    this.uploads++;
    const symmetric = zeroPoint === undefined || zeroPoint.data.every((z) => z === 0);
    const quantization = scale === undefined ? undefined : { bits: 8 as const, axis: 1, groupSize: undefined, symmetric };
    return this.store.make({ kind: 'panels', upload }, values.shape, 'f32', quantization);
  }

  download(handle: Handle): Tensor {
    this.assertLive('download');
    return this.store.download(this.own(handle, 'download'));
  }

  release(handle: Handle): void {
    if (!this.disposed) this.store.release(handle);
  }

  owns(handle: unknown): handle is WasmHandle {
    return !this.disposed && this.store.owns(handle);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.store.releaseAll();
    this.context.executor.dispose();
  }

  memory(): WasmBackendMemory {
    if (this.disposed) return { deviceBytes: 0, handles: 0, reservedBytes: 0, uploads: this.uploads };
    return { deviceBytes: this.store.bytes, handles: this.store.count, reservedBytes: this.context.heap.reservedBytes, uploads: this.uploads };
  }

  private own(handle: Handle, where: string): WasmHandle {
    if (this.store.owns(handle)) return handle;
    throw new ValueError(`wasm backend: ${where} expected a live handle of this backend, got ${describeHandle(handle)}`);
  }

  private assertLive(where: string): void {
    if (this.disposed) {
      throw new WasmBackendError(`${where}: expected a live WASM backend, got one that was disposed (create a new one with createWasmBackend)`);
    }
  }
}

function describeHandle(handle: unknown): string {
  if (handle instanceof WasmHandle) return handle.live ? `a handle of another WASM backend instance` : `a released handle of shape [${handle.shape.join(', ')}]`;
  const backend = (handle as { backend?: unknown } | null)?.backend;
  return typeof backend === 'string' ? `a handle of backend '${backend}'` : describeValue(handle);
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
