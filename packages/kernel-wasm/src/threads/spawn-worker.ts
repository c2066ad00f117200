import { WasmBackendError } from '../errors.js';
import { isNode } from './environment.js';
import { workerSource, type WorkerInit } from './worker-source.js';

/**
 * A started worker thread (Node `worker_threads` or a Web Worker), ready to run chunks.
 *
 * @example
 * ```text
 * const worker = await spawnWorker(init);
 * worker.terminate();
 * ```
 */
export interface WorkerHandle {
  /** Stops the thread now. */
  terminate(): void;
  /** The last error the thread reported, if any. */
  readonly lastError: string | undefined;
}

interface NodeWorker {
  on(event: 'message', listener: (message: { ready?: boolean; error?: string }) => void): void;
  on(event: 'error', listener: (error: unknown) => void): void;
  on(event: 'exit', listener: (code: number) => void): void;
  unref(): void;
  terminate(): Promise<number>;
}

type NodeWorkerConstructor = new (source: string, options: { eval: true; workerData: WorkerInit }) => NodeWorker;

/**
 * Starts one worker thread running the kernel module on the shared memory and resolves
 * once it has instantiated the module and is waiting for jobs. In Node the thread is
 * `unref()`ed, so a backend that was never disposed does not keep the process alive.
 *
 * @example
 * ```text
 * const worker = await spawnWorker({ module, memory, job, thread: 1, ...offsets });
 * ```
 */
export async function spawnWorker(init: WorkerInit): Promise<WorkerHandle> {
  return isNode() ? spawnNodeWorker(init) : spawnWebWorker(init);
}

async function spawnNodeWorker(init: WorkerInit): Promise<WorkerHandle> {
  // A computed specifier keeps browser bundlers from trying to resolve a Node built-in.
  const specifier = 'node:worker_threads';
  const { Worker } = (await import(/* @vite-ignore */ specifier)) as { Worker: NodeWorkerConstructor };
  const worker = new Worker(workerSource('node'), { eval: true, workerData: init });
  let lastError: string | undefined;
  const handle: WorkerHandle = {
    terminate: () => void worker.terminate(),
    get lastError() {
      return lastError;
    },
  };
  const ready = new Promise<void>((resolve, reject) => {
    worker.on('message', (message) => {
      if (message.ready) resolve();
      if (message.error !== undefined) {
        lastError = message.error;
        reject(new WasmBackendError(`@qaxon/kernel-wasm: worker thread ${init.thread} failed to start: ${message.error}`));
      }
    });
    worker.on('error', (error) => {
      lastError = String(error);
      reject(new WasmBackendError(`@qaxon/kernel-wasm: worker thread ${init.thread} failed: ${String(error)}`));
    });
    worker.on('exit', (code) =>
      reject(new WasmBackendError(`@qaxon/kernel-wasm: worker thread ${init.thread} exited with code ${code} before it was ready`)),
    );
  });
  try {
    await ready;
  } catch (error) {
    handle.terminate();
    throw error;
  }
  // After the listeners: adding a 'message' listener refs the worker's port again.
  worker.unref();
  return handle;
}

async function spawnWebWorker(init: WorkerInit): Promise<WorkerHandle> {
  const url = URL.createObjectURL(new Blob([workerSource('browser')], { type: 'text/javascript' }));
  const worker = new Worker(url);
  let lastError: string | undefined;
  const handle: WorkerHandle = {
    terminate: () => worker.terminate(),
    get lastError() {
      return lastError;
    },
  };
  try {
    await new Promise<void>((resolve, reject) => {
      worker.onmessage = (event: MessageEvent<{ ready?: boolean; error?: string }>) => {
        if (event.data.ready) resolve();
        if (event.data.error !== undefined) {
          lastError = event.data.error;
          reject(new WasmBackendError(`@qaxon/kernel-wasm: worker thread ${init.thread} failed to start: ${event.data.error}`));
        }
      };
      worker.onerror = (event) => {
        lastError = event.message;
        reject(new WasmBackendError(`@qaxon/kernel-wasm: worker thread ${init.thread} failed: ${event.message}`));
      };
      worker.postMessage(init);
    });
  } catch (error) {
    worker.terminate();
    throw error;
  } finally {
    URL.revokeObjectURL(url);
  }
  return handle;
}
