/**
 * What a worker thread is given to start: the compiled kernel module, the shared memory,
 * the address of the job block, the thread's scratch slot, and the job-block offsets it
 * synchronises on (byte offsets of i32 words).
 *
 * @example
 * ```text
 * const init: WorkerInit = { module, memory, job, thread: 1, generation: 0, stop: 4, nextChunk: 8, chunkCount: 12, doneChunks: 16, failed: 20 };
 * ```
 */
export interface WorkerInit {
  /** The compiled kernel module (shared-memory variant). */
  module: WebAssembly.Module;
  /** The module's shared memory. */
  memory: WebAssembly.Memory;
  /** Address of the job block. */
  job: number;
  /** This thread's index (1 ..), its scratch slot. */
  thread: number;
  /** Offset of the generation word. */
  generation: number;
  /** Offset of the stop word. */
  stop: number;
  /** Offset of the next-chunk counter. */
  nextChunk: number;
  /** Offset of the chunk count. */
  chunkCount: number;
  /** Offset of the done-chunks counter. */
  doneChunks: number;
  /** Offset of the failure flag. */
  failed: number;
}

/**
 * The body every worker runs. It is turned into source text with `toString()`, so it must
 * stay self-contained: no imports, no outer variables, nothing a bundler or a coverage
 * tool would rewrite into a reference to another module. It instantiates the module on
 * the shared memory, says ready, then sleeps on the generation word; on each new
 * generation it claims chunks from the shared counter until none is left, counting each
 * finished chunk and waking the caller after the last one.
 */
function workerMain(init: WorkerInit, post: (message: unknown) => void): void {
  const instance = new WebAssembly.Instance(init.module, { env: { memory: init.memory } });
  const runChunk = instance.exports.runChunk as (job: number, chunk: number, thread: number) => void;
  const control = new Int32Array(init.memory.buffer, init.job, 8);
  const generation = init.generation >> 2;
  const stop = init.stop >> 2;
  const next = init.nextChunk >> 2;
  const count = init.chunkCount >> 2;
  const done = init.doneChunks >> 2;
  const failed = init.failed >> 2;
  let seen = Atomics.load(control, generation);
  post({ ready: true });
  for (;;) {
    Atomics.wait(control, generation, seen);
    seen = Atomics.load(control, generation);
    if (Atomics.load(control, stop) !== 0) return;
    for (;;) {
      const chunk = Atomics.add(control, next, 1);
      const chunks = Atomics.load(control, count);
      if (chunk >= chunks) break;
      try {
        runChunk(init.job, chunk, init.thread);
      } catch (error) {
        Atomics.store(control, failed, 1);
        post({ error: String(error) });
      }
      if (Atomics.add(control, done, 1) + 1 === chunks) Atomics.notify(control, done);
    }
  }
}

/**
 * The source text of a worker for Node (`worker_threads`, started with `eval: true` and
 * the {@link WorkerInit} as `workerData`) or for browsers (a Web Worker from a Blob URL
 * that receives the init as its first message).
 *
 * @example
 * ```text
 * const source = workerSource('node');
 * new Worker(source, { eval: true, workerData: init });
 * ```
 */
export function workerSource(environment: 'node' | 'browser'): string {
  const main = `const workerMain = ${workerMain.toString()};\n`;
  const guarded = (init: string, post: string): string =>
    `try { workerMain(${init}, ${post}); } catch (error) { (${post})({ error: String(error && error.stack || error) }); }\n`;
  if (environment === 'node') {
    return (
      main +
      `const { parentPort, workerData } = require('node:worker_threads');\n` +
      guarded('workerData', '(message) => parentPort.postMessage(message)')
    );
  }
  return (
    main +
    `self.onmessage = (event) => {\n  self.onmessage = null;\n  ` +
    guarded('event.data', '(message) => self.postMessage(message)') +
    `};\n`
  );
}
