import type { ModelState } from '@qaxon/graph';
import { quoteName, SafetensorsError } from './errors.js';
import { encodeStateLayout } from './state-layout.js';
import { writeSafetensors } from './write-safetensors.js';

/**
 * Options of {@link toSafetensors}.
 *
 * @example
 * ```ts
 * import type { ToSafetensorsOptions } from '@qaxon/safetensors';
 * const options: ToSafetensorsOptions = { metadata: { source: 'mnist-mlp', license: 'Apache-2.0' } };
 * ```
 */
export interface ToSafetensorsOptions {
  /** Extra `__metadata__` strings to store (keys starting with `qaxon.` are reserved). */
  metadata?: Readonly<Record<string, string>>;
}

/**
 * Serializes a model state into safetensors bytes: a float parameter as `<layer>.<param>`,
 * a QTensor as `<layer>.<param>.value` (I8), `.scale` (F32) and `.zero_point` (I8), with
 * `__metadata__` recording the format version, the exact layer/parameter split, which
 * parameters are QTensors and which are frozen, and the layout of any QTensor that is
 * not per-channel int8 (4-bit, group-wise, per-row; see {@link QAXON_METADATA}). Loading it
 * back with {@link fromSafetensors} gives the same state, bit for bit.
 *
 * Works in browsers and Node (no Node APIs); see `@qaxon/safetensors/node` for files.
 *
 * @example
 * ```ts
 * import { ModelState } from '@qaxon/graph';
 * import { QTensor, randomNormal, zeros } from '@qaxon/tensor';
 * import { fromSafetensors, toSafetensors } from '@qaxon/safetensors';
 * const state = ModelState.empty()
 *   .set('dense_0', 'kernel', QTensor.fromTensor(randomNormal([784, 128], { seed: 1 })))
 *   .set('dense_0', 'bias', zeros([128]))
 *   .freeze();
 * const bytes = toSafetensors(state); // about a quarter of the float32 size
 * const back = fromSafetensors(bytes);
 * console.log(back.isFrozen('dense_0', 'bias')); // true
 * ```
 */
export function toSafetensors(state: ModelState, options: ToSafetensorsOptions = {}): Uint8Array {
  if (state === null || typeof state !== 'object' || typeof (state as Partial<ModelState>).parameters !== 'function') {
    throw new SafetensorsError(`toSafetensors: expected a ModelState, got ${state === null ? 'null' : typeof state}`);
  }
  const parameters = [...state.parameters()].map(([layer, param, value]) => ({ layer, param, value, frozen: state.isFrozen(layer, param) }));
  const { tensors, metadata } = encodeStateLayout(parameters);
  for (const [key, value] of Object.entries(options.metadata ?? {})) {
    if (key.startsWith('qaxon.')) {
      throw new SafetensorsError(`toSafetensors: metadata key ${quoteName(key)} is reserved (keys starting with "qaxon." describe the state)`);
    }
    if (typeof value !== 'string') throw new SafetensorsError(`toSafetensors: expected metadata value ${quoteName(key)} to be a string, got ${typeof value}`);
    metadata[key] = value;
  }
  return writeSafetensors(tensors, metadata);
}
