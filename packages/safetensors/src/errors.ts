/**
 * Where in a safetensors file a problem was found: the absolute byte offset in the file
 * and/or the tensor (header entry) it concerns.
 *
 * @example
 * ```ts
 * import type { SafetensorsErrorLocation } from '@qaxon/safetensors';
 * const where: SafetensorsErrorLocation = { byteOffset: 8, tensorName: 'dense_0.kernel' };
 * ```
 */
export interface SafetensorsErrorLocation {
  /** Absolute byte offset in the file (0 is the first byte of the 8-byte length). */
  byteOffset?: number;
  /** Name of the tensor (header entry) concerned. */
  tensorName?: string;
  /** The error that caused this one, if any. */
  cause?: unknown;
}

/**
 * The one error type `@qaxon/safetensors` throws for a file it cannot read or a state it
 * cannot write. The message says what was expected, what was found and where (byte offset
 * in the file, tensor name); {@link SafetensorsError.byteOffset} and
 * {@link SafetensorsError.tensorName} hold the same place for programs.
 *
 * Reading never throws anything else for malformed input: truncated files, lying header
 * lengths, invalid UTF-8 or JSON, duplicate keys, bad dtypes, shapes or offsets all end up
 * here.
 *
 * @example
 * ```ts
 * import { readSafetensors, SafetensorsError } from '@qaxon/safetensors';
 * try {
 *   readSafetensors(new Uint8Array([1, 2, 3]));
 * } catch (error) {
 *   if (error instanceof SafetensorsError) console.log(error.message, error.byteOffset);
 * }
 * ```
 */
export class SafetensorsError extends Error {
  /** Absolute byte offset in the file where the problem is, when known. */
  readonly byteOffset: number | undefined;
  /** The tensor (header entry) concerned, when there is one. */
  readonly tensorName: string | undefined;

  constructor(message: string, location: SafetensorsErrorLocation = {}) {
    super(message, location.cause === undefined ? undefined : { cause: location.cause });
    this.name = 'SafetensorsError';
    this.byteOffset = location.byteOffset;
    this.tensorName = location.tensorName;
  }
}

/**
 * Quotes a tensor name or JSON key for an error message, shortening very long ones so a
 * hostile file cannot make a message megabytes long.
 *
 * @internal
 */
export function quoteName(name: string): string {
  const quoted = JSON.stringify(name);
  return quoted.length > 200 ? `${quoted.slice(0, 180)}..." (${name.length} characters)` : quoted;
}

/**
 * JSON text of a value for an error message, shortened past 120 characters.
 *
 * @internal
 */
export function shortJson(value: unknown): string {
  const text = value === undefined ? 'nothing' : (JSON.stringify(value) ?? String(value));
  return text.length > 120 ? `${text.slice(0, 100)}... (${text.length} characters)` : text;
}
