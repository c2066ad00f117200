/**
 * `@qaxon/safetensors/node`: save and load model states as `.safetensors` files with
 * Node's `fs`. Kept apart from the main entry so browser bundles never see `node:fs`.
 *
 * @example
 * ```ts
 * import { loadState, saveState } from '@qaxon/safetensors/node';
 * import { ModelState } from '@qaxon/graph';
 * import { zeros } from '@qaxon/tensor';
 * await saveState('model.safetensors', ModelState.empty().set('dense_0', 'bias', zeros([4])));
 * const state = await loadState('model.safetensors');
 * ```
 *
 * @packageDocumentation
 */
import { writeFile } from 'node:fs/promises';
import type { ModelState } from '@qaxon/graph';
import type { Backend } from '@qaxon/tensor';
import { stateFromContents, type FromSafetensorsOptions } from './from-safetensors.js';
import { loadStateOnBackend } from './node-load-on-backend.js';
import { readSafetensorsFile } from './node-read-file.js';
import { toSafetensors, type ToSafetensorsOptions } from './to-safetensors.js';

/**
 * Writes `state` to `path` in the safetensors format (see `toSafetensors`).
 *
 * @example
 * ```ts
 * import { saveState } from '@qaxon/safetensors/node';
 * import { ModelState } from '@qaxon/graph';
 * import { ones } from '@qaxon/tensor';
 * await saveState('weights.safetensors', ModelState.empty().set('dense_0', 'kernel', ones([2, 2])), {
 *   metadata: { note: 'all ones' },
 * });
 * ```
 */
export async function saveState(path: string | URL, state: ModelState, options: ToSafetensorsOptions = {}): Promise<void> {
  await writeFile(path, toSafetensors(state, options));
}

/**
 * Options of {@link loadState}: those of `fromSafetensors`, and the backend to load onto.
 *
 * @example
 * ```ts
 * import type { LoadStateOptions } from '@qaxon/safetensors/node';
 * import type { Backend } from '@qaxon/tensor';
 * declare const backend: Backend; // e.g. await createWasmBackend() from @qaxon/kernel-wasm
 * const options: LoadStateOptions = { backend };
 * ```
 */
export interface LoadStateOptions extends FromSafetensorsOptions {
  /**
   * Load straight onto this backend: the state's parameters are its handles, and each
   * weight is read in blocks of rows into `backend.uploadStreamed` (when it has one), so
   * the host never holds a whole weight and the weights are held once, by the backend.
   * Such a state runs with `build(model, { backend })` on the same backend; release it
   * with `backend.release` on each handle (or `backend.dispose()`), and it cannot be saved
   * with `toSafetensors` (download the state first).
   */
  backend?: Backend;
}

/**
 * Reads a safetensors file into a model state (see `fromSafetensors`). A bad file is
 * refused early: it must be a regular file (`/dev/zero`, a FIFO or a directory is a
 * `SafetensorsError` at once); the 8-byte header length is checked against the limit and
 * the file's size, and the whole header is validated, before any tensor is read. Tensors
 * are then read by ranges, in runs of at most 64 MiB (a large file is never read into one
 * buffer), and float32/int8 tensors are views of those buffers: loading needs about the
 * file's size, not more.
 *
 * @example
 * ```ts
 * import { loadState } from '@qaxon/safetensors/node';
 * const state = await loadState('pytorch_model.safetensors', {
 *   mapping: { 'fc1.weight': { to: 'dense_0.kernel', transpose: true }, 'fc1.bias': 'dense_0.bias' },
 * });
 * ```
 */
export async function loadState(path: string | URL, options: LoadStateOptions = {}): Promise<ModelState> {
  const { backend, ...rest } = options;
  if (backend !== undefined) return loadStateOnBackend(path, backend, rest);
  return stateFromContents(await readSafetensorsFile(path), rest);
}

export type { FromSafetensorsOptions, ToSafetensorsOptions };
