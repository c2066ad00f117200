import { WasmBackendError } from '../errors.js';
import type { JobLayout, KernelExports } from '../wasm/kernel-exports.js';
import { canBlock } from './environment.js';
import { spawnWorker, type WorkerHandle } from './spawn-worker.js';

/**
 * Runs the chunks of the job written in the job block: chunk `c` covers a contiguous
 * range of output panels, so any split gives the same bits.
 *
 * @example
 * ```text
 * executor.run(8); // chunks 0..7 of the current job, on every thread available
 * ```
 */
export interface ChunkExecutor {
  /** Threads that compute, the caller's included. */
  readonly threads: number;
  /** Runs chunks `0 .. chunks - 1` of the job and returns when all are done. */
  run(chunks: number): void;
  /** Stops the worker threads (none for a single thread). */
  dispose(): void;
}

/**
 * Runs every chunk on the calling thread.
 *
 * @example
 * ```text
 * const executor = new SingleThreadExecutor(exports, job);
 * executor.run(1);
 * ```
 */
export class SingleThreadExecutor implements ChunkExecutor {
  /** Always 1. */
  readonly threads = 1;
  private readonly exports: KernelExports;
  private readonly job: number;

  /** An executor calling `exports.runChunk(job, chunk, 0)`. */
  constructor(exports: KernelExports, job: number) {
    this.exports = exports;
    this.job = job;
  }

  run(chunks: number): void {
    for (let chunk = 0; chunk < chunks; chunk++) this.exports.runChunk(this.job, chunk, 0);
  }

  dispose(): void {}
}

/** Larger than any chunk count: parks the claim counter between jobs. */
const PARKED = 0x3fffffff;
/** Polls of the done counter before blocking in Atomics.wait. */
const SPINS_BEFORE_WAIT = 4096;

/**
 * The calling thread plus `threads - 1` workers sharing the module's memory. A job is
 * published by bumping the generation word (`Atomics.notify` wakes the workers); every
 * thread, the caller included, then claims chunks from a shared counter until none is
 * left, so the caller never waits on a worker that is slow to wake, and the caller
 * returns once the done counter reaches the chunk count. A job of one chunk runs on the
 * caller alone, without waking anyone. Blocks in `Atomics.wait` where
 * allowed (Node), spins where not (a browser's main thread).
 *
 * @example
 * ```text
 * const pool = await ThreadPool.start(module, memory, exports, layout, job, 2);
 * pool.run(8);
 * pool.dispose();
 * ```
 */
export class ThreadPool implements ChunkExecutor {
  readonly threads: number;
  private readonly exports: KernelExports;
  private readonly job: number;
  private readonly control: Int32Array;
  private readonly layout: JobLayout;
  private readonly workers: WorkerHandle[];
  private readonly blocking: boolean;
  private stopped = false;

  private constructor(exports: KernelExports, layout: JobLayout, job: number, control: Int32Array, workers: WorkerHandle[]) {
    this.exports = exports;
    this.layout = layout;
    this.job = job;
    this.control = control;
    this.workers = workers;
    this.threads = workers.length + 1;
    this.blocking = canBlock(control);
  }

  /** Starts `threads - 1` workers and resolves when all are waiting for jobs. */
  static async start(
    module: WebAssembly.Module,
    memory: WebAssembly.Memory,
    exports: KernelExports,
    layout: JobLayout,
    job: number,
    threads: number,
  ): Promise<ThreadPool> {
    const control = new Int32Array(memory.buffer, job, 8);
    Atomics.store(control, layout.nextChunk >> 2, PARKED);
    const started = await Promise.allSettled(
      Array.from({ length: threads - 1 }, (_, index) =>
        spawnWorker({
          module,
          memory,
          job,
          thread: index + 1,
          generation: layout.generation,
          stop: layout.stop,
          nextChunk: layout.nextChunk,
          chunkCount: layout.chunkCount,
          doneChunks: layout.doneChunks,
          failed: layout.failed,
        }),
      ),
    );
    const workers = started.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
    const failure = started.find((result): result is PromiseRejectedResult => result.status === 'rejected');
    const pool = new ThreadPool(exports, layout, job, control, workers);
    if (failure) {
      pool.dispose();
      throw failure.reason;
    }
    return pool;
  }

  run(chunks: number): void {
    if (this.stopped) throw new WasmBackendError('ThreadPool.run: expected a running pool, got one that was disposed');
    const { control, layout } = this;
    const next = layout.nextChunk >> 2;
    const count = layout.chunkCount >> 2;
    const done = layout.doneChunks >> 2;
    const failed = layout.failed >> 2;
    if (chunks === 1) {
      // One chunk (a call under the parallel threshold): the caller runs it alone. Waking
      // the workers would find them nothing to do and cost a futex wake each, plus a
      // thread competing for the caller's core: 7 µs per 1x256x256 call became 18 µs on
      // 2 threads of a 2-vCPU VM. Idle workers stay parked, `next` stays PARKED.
      Atomics.store(control, count, 1);
      this.exports.runChunk(this.job, 0, 0);
      return;
    }
    Atomics.store(control, count, chunks);
    Atomics.store(control, done, 0);
    Atomics.store(control, failed, 0);
    Atomics.store(control, next, 0);
    Atomics.add(control, layout.generation >> 2, 1);
    Atomics.notify(control, layout.generation >> 2);
    let callerError: unknown;
    for (;;) {
      const chunk = Atomics.add(control, next, 1);
      if (chunk >= chunks) break;
      try {
        this.exports.runChunk(this.job, chunk, 0);
      } catch (error) {
        callerError ??= error;
      }
      // Counted even when it threw, so the job always completes before the next one starts.
      Atomics.add(control, done, 1);
    }
    let spins = 0;
    for (;;) {
      const finished = Atomics.load(control, done);
      if (finished >= chunks) break;
      if (this.blocking && ++spins > SPINS_BEFORE_WAIT) Atomics.wait(control, done, finished, 100);
    }
    Atomics.store(control, next, PARKED);
    if (callerError !== undefined) throw callerError;
    if (Atomics.load(control, failed) !== 0) {
      const reason = this.workers.map((worker) => worker.lastError).find((error) => error !== undefined);
      throw new WasmBackendError(`ThreadPool.run: a worker thread failed while computing a chunk${reason ? `: ${reason}` : ''}`);
    }
  }

  dispose(): void {
    if (this.stopped) return;
    this.stopped = true;
    Atomics.store(this.control, this.layout.stop >> 2, 1);
    Atomics.add(this.control, this.layout.generation >> 2, 1);
    Atomics.notify(this.control, this.layout.generation >> 2);
    for (const worker of this.workers) worker.terminate();
  }
}
