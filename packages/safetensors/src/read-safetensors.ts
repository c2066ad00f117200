import type { Tensor } from '@qaxon/tensor';
import { decodeTensor } from './decode-tensor.js';
import { SafetensorsError } from './errors.js';
import { parseHeader } from './read-header.js';

/**
 * What {@link readSafetensors} returns: every tensor by its name in the file, and the
 * `__metadata__` string map (empty when the file has none). Both objects have a null
 * prototype, so names such as `__proto__` or `constructor` are ordinary keys.
 *
 * @example
 * ```ts
 * import { readSafetensors, type SafetensorsContents } from '@qaxon/safetensors';
 * declare const bytes: Uint8Array;
 * const { tensors, metadata }: SafetensorsContents = readSafetensors(bytes);
 * ```
 */
export interface SafetensorsContents {
  /** The tensors, by name, in file order. */
  tensors: Record<string, Tensor>;
  /** The `__metadata__` map (string -> string). */
  metadata: Record<string, string>;
}

/**
 * Parses a safetensors file held in memory into tensors and metadata, validating all of
 * it first (see {@link SafetensorsError}). Dtypes `F32`, `I8` and `I32` load as f32, s8 and
 * s32; `F16` and `BF16` are widened to f32; `I64` is narrowed to s32 (an error if a value
 * does not fit); any other dtype is an error naming the tensor.
 *
 * `F32`/`I32`/`I8` tensors are views of `bytes`' buffer where alignment allows (no copy):
 * writing into them writes into `bytes`.
 *
 * @param bytes - the whole file (a `Uint8Array`, e.g. a Node `Buffer`, or an `ArrayBuffer` such as `await response.arrayBuffer()`).
 *
 * @example
 * ```ts
 * import { readSafetensors, writeSafetensors } from '@qaxon/safetensors';
 * import { tensor } from '@qaxon/tensor';
 * const bytes = writeSafetensors({ 'dense_0.bias': tensor([0.5, -1]) }, { framework: 'qaxon' });
 * const { tensors, metadata } = readSafetensors(bytes);
 * console.log(tensors['dense_0.bias']!.toArray(), metadata.framework); // [0.5, -1] 'qaxon'
 * ```
 */
export function readSafetensors(bytes: Uint8Array | ArrayBufferLike): SafetensorsContents {
  const file = asBytes(bytes);
  const { dataStart, entries, metadata } = parseHeader(file);
  const tensors = Object.create(null) as Record<string, Tensor>;
  for (const entry of entries) tensors[entry.name] = decodeTensor(file, dataStart + entry.begin, entry);
  return { tensors, metadata: metadata ?? (Object.create(null) as Record<string, string>) };
}

/** Accepts a Uint8Array (Node Buffers included) or an ArrayBuffer. @internal */
export function asBytes(bytes: unknown): Uint8Array {
  if (bytes instanceof Uint8Array) return bytes;
  if (bytes instanceof ArrayBuffer) return new Uint8Array(bytes);
  if (typeof SharedArrayBuffer !== 'undefined' && bytes instanceof SharedArrayBuffer) return new Uint8Array(bytes);
  const kind = bytes === null ? 'null' : typeof bytes === 'object' ? `a ${(bytes as object).constructor?.name ?? 'object'}` : typeof bytes;
  throw new SafetensorsError(`expected the file as a Uint8Array or ArrayBuffer, got ${kind}`);
}
