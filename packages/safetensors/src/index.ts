/**
 * `@qaxon/safetensors`: qaxon model states, float and int8-quantized, in the Hugging Face
 * safetensors format. Works in browsers and Node (no Node APIs here; the file helpers are
 * in `@qaxon/safetensors/node`).
 *
 * @example
 * ```ts
 * import { readSafetensors, writeSafetensors } from '@qaxon/safetensors';
 * import { tensor } from '@qaxon/tensor';
 * const bytes = writeSafetensors({ 'dense_0.bias': tensor([1, 2]) });
 * console.log(readSafetensors(bytes).tensors['dense_0.bias']!.toArray()); // [1, 2]
 * ```
 *
 * @packageDocumentation
 */
export { SafetensorsError, type SafetensorsErrorLocation } from './errors.js';
export { READABLE_DTYPES, WRITABLE_DTYPES, type ReadableDType } from './dtypes.js';
export { MAX_HEADER_BYTES } from './header-length.js';
export { MAX_HEADER_ENTRIES } from './header-scan.js';
export { decodeBFloat16, decodeFloat16, float16BitsToFloat32Bits } from './half-precision.js';
export { readSafetensors, type SafetensorsContents } from './read-safetensors.js';
export { writeSafetensors } from './write-safetensors.js';
export { QAXON_METADATA } from './state-layout.js';
export { toSafetensors, type ToSafetensorsOptions } from './to-safetensors.js';
export { fromSafetensors, type FromSafetensorsOptions } from './from-safetensors.js';
export { type LoadReport, type MappingEntry, type MappingRule, type ParameterTarget, type TensorMapping } from './mapping.js';
