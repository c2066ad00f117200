import type { ModelState } from '@qaxon/graph';
import { quantize } from '@qaxon/quantization';
import { fromSafetensors } from '@qaxon/safetensors';
import type { ModelPair } from './digit-classifier.js';
import { MODEL_FILES } from './model-files.js';
import { mnistModel } from './mnist-model.js';

/**
 * The two model files as fetched, and the states read from them.
 *
 * @example
 * ```ts
 * const { bytes, states } = await loadModelFiles(document.baseURI);
 * console.log(bytes.int8.length / bytes.float.length); // about 0.26
 * ```
 */
export interface LoadedModelFiles {
  bytes: ModelPair<Uint8Array>;
  states: ModelPair<ModelState>;
}

/**
 * Fetches a file served with the page as bytes; a failed request is an error naming the URL
 * and the HTTP status.
 *
 * @example
 * ```ts
 * const bytes = await fetchBytes(new URL('models/mnist-float.safetensors', document.baseURI));
 * ```
 */
export async function fetchBytes(url: string | URL): Promise<Uint8Array> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`expected ${String(url)} to be served, got HTTP ${response.status} ${response.statusText}`);
  return new Uint8Array(await response.arrayBuffer());
}

/**
 * Fetches both model files ({@link MODEL_FILES}) relative to `base` and reads their states.
 *
 * @example
 * ```ts
 * const { states } = await loadModelFiles(document.baseURI);
 * ```
 */
export async function loadModelFiles(base: string | URL): Promise<LoadedModelFiles> {
  const [float, int8] = await Promise.all([fetchBytes(new URL(MODEL_FILES.float, base)), fetchBytes(new URL(MODEL_FILES.int8, base))]);
  return { bytes: { float, int8 }, states: { float: fromSafetensors(float), int8: fromSafetensors(int8) } };
}

/**
 * Quantizes the float state in the page (`quantize` from `@qaxon/quantization`), timing it.
 *
 * @example
 * ```ts
 * const { state, milliseconds } = quantizeInPage(floatState);
 * ```
 */
export function quantizeInPage(floatState: ModelState): { state: ModelState; milliseconds: number } {
  const started = performance.now();
  const [, state] = quantize(mnistModel(), floatState);
  return { state, milliseconds: performance.now() - started };
}
