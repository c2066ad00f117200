import { createBestBackend } from '@qaxon/backends';
import { referenceBackend } from '@qaxon/kernel-reference';
import { createWasmBackend } from '@qaxon/kernel-wasm';
import type { Backend } from '@qaxon/tensor';
import type { BackendChoice } from './args.js';

/**
 * A backend started for a {@link BackendChoice}: the backend, what it is and why it was
 * picked. `dispose()` releases it (the WebAssembly backend may hold worker threads).
 *
 * @example
 * ```ts
 * const started = await startBackend('best');
 * try { console.log(started.backend.name, started.reason); } finally { started.dispose(); }
 * ```
 */
export interface StartedBackend {
  readonly backend: Backend;
  /** The backend's name (`reference`, `wasm`, `gpu.js:<mode>`). */
  readonly name: string;
  /** What was asked for. */
  readonly choice: BackendChoice;
  /** Why this backend: asked for by name, or `createBestBackend()`'s reason. */
  readonly reason: string;
  dispose(): void;
}

/**
 * Starts the backend generation runs on: the reference backend, WebAssembly SIMD (one
 * thread: a small model's decode step is a chain of small op calls that threads do not
 * speed up), or the pick of `createBestBackend()` of `@qaxon/backends`.
 *
 * @example
 * ```ts
 * const { backend, dispose } = await startBackend('wasm');
 * dispose();
 * ```
 */
export async function startBackend(choice: BackendChoice): Promise<StartedBackend> {
  if (choice === 'reference') {
    return { backend: referenceBackend, name: referenceBackend.name, choice, reason: 'asked for by --backend reference', dispose: () => undefined };
  }
  if (choice === 'wasm') {
    const backend = await createWasmBackend();
    return { backend, name: backend.name, choice, reason: 'asked for by --backend wasm', dispose: () => backend.dispose() };
  }
  const best = await createBestBackend({ threads: 1 });
  return { backend: best.backend, name: best.backend.name, choice, reason: best.reason, dispose: () => best.backend.dispose?.() };
}
