import { ModelState, type ModelStateData, type ParameterKey } from '@qaxon/graph';
import type { QTensor, Tensor } from '@qaxon/tensor';
import { quoteName, SafetensorsError } from './errors.js';
import { placeParameters, type LoadReport, type TensorMapping } from './mapping.js';
import { readSafetensors, type SafetensorsContents } from './read-safetensors.js';
import { decodeStateLayout } from './state-layout.js';

/**
 * Options of {@link fromSafetensors} (and `loadState`).
 *
 * @example
 * ```ts
 * import type { FromSafetensorsOptions } from '@qaxon/safetensors';
 * const options: FromSafetensorsOptions = {
 *   mapping: { 'fc1.weight': { to: 'dense_0.kernel', transpose: true }, 'fc1.bias': 'dense_0.bias' },
 * };
 * ```
 */
export interface FromSafetensorsOptions {
  /** Renames (and optionally transposes or skips) tensors on load; see {@link TensorMapping}. */
  mapping?: TensorMapping;
  /**
   * With a `mapping`: what to do with the file's tensors it does not place (not named by a
   * record, `undefined` from a function). `'error'` (the default) throws a
   * {@link SafetensorsError} listing them, since a typo in a mapping would otherwise leave a
   * parameter missing (and `init` would fill it with random values); `'keep'` loads them
   * under their own names. Skip a tensor with `null` in the mapping.
   */
  unmapped?: 'error' | 'keep';
  /** With a `mapping`: called with the tensors kept under their own names and those skipped. */
  onReport?: (report: LoadReport) => void;
}

/**
 * Loads a model state from safetensors bytes.
 *
 * - A file written by {@link toSafetensors} comes back identical: same layers and
 *   parameters (layer names with `.` included), QTensors reassembled from their parts,
 *   the same frozen set.
 * - Any other file (PyTorch, Hugging Face, ...) gives one parameter per tensor, its name
 *   split at the last `.` (`fc1.weight` -> layer `fc1`, parameter `weight`); F16 and BF16
 *   are widened to f32 and I64 narrowed to s32. Use `mapping` to rename, transpose or
 *   skip tensors so they fit a qaxon model; a tensor the mapping leaves out is an error
 *   unless `unmapped: 'keep'`.
 *
 * Float32 and int8 data are views of `bytes` where alignment allows: nothing is copied,
 * and int8 parts never become float32. Malformed input throws {@link SafetensorsError}.
 * Works in browsers and Node (no Node APIs).
 *
 * @example
 * ```ts
 * import { fromSafetensors } from '@qaxon/safetensors';
 * const response = await fetch('/model.safetensors');
 * const state = fromSafetensors(new Uint8Array(await response.arrayBuffer()), {
 *   mapping: { 'fc1.weight': { to: 'dense_0.kernel', transpose: true }, 'fc1.bias': 'dense_0.bias' },
 * });
 * console.log(state.data.dense_0!.kernel!.shape);
 * ```
 */
export function fromSafetensors(bytes: Uint8Array | ArrayBufferLike, options: FromSafetensorsOptions = {}): ModelState {
  return stateFromContents(readSafetensors(bytes), options);
}

/** The model state of read safetensors contents (see {@link fromSafetensors}). @internal */
export function stateFromContents(contents: SafetensorsContents, options: FromSafetensorsOptions): ModelState {
  const placed = placeParameters(decodeStateLayout(contents), options.mapping, options.unmapped, options.onReport);
  const data = new Map<string, Record<string, Tensor | QTensor>>();
  const frozen: ParameterKey[] = [];
  for (const { layer, param, value, frozen: isFrozen } of placed) {
    if (layer === '__proto__' || param === '__proto__') {
      // ModelState keeps its data in ordinary objects, where this key would be lost.
      throw new SafetensorsError(`cannot load layer ${quoteName(layer)} parameter ${quoteName(param)}: "__proto__" cannot name a layer or parameter of a ModelState; rename it with a mapping`);
    }
    let parameters = data.get(layer);
    if (!parameters) data.set(layer, (parameters = {}));
    Object.defineProperty(parameters, param, { value, enumerable: true, writable: true, configurable: true });
    if (isFrozen) frozen.push([layer, param]);
  }
  const record: Record<string, Record<string, Tensor | QTensor>> = {};
  for (const [layer, parameters] of data) Object.defineProperty(record, layer, { value: parameters, enumerable: true, writable: true, configurable: true });
  try {
    return ModelState.fromData(record as ModelStateData, { frozen });
  } catch (error) {
    throw new SafetensorsError(`cannot build the model state: ${(error as Error).message}`, { cause: error });
  }
}
