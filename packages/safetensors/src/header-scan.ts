/**
 * A structural pre-pass over the raw JSON header bytes, done before `JSON.parse`:
 *
 * - it bounds nesting (a safetensors header is at most 3 levels deep:
 *   `{name: {dtype, shape: [..], data_offsets: [..]}}`), so a hostile header cannot make
 *   the parser build millions of nested values;
 * - it finds duplicate keys at every object level, which `JSON.parse` silently collapses
 *   (keeping the last) and the format forbids;
 * - it records the byte offset of every top-level key, so later errors can say where a
 *   tensor's entry is;
 * - it bounds the work a header within the size limit can cause: at most
 *   {@link MAX_HEADER_ENTRIES} keys per object (1.6 million zero-size tensors used to
 *   take minutes and gigabytes to load) and at most {@link MAX_ARRAY_ITEMS} items per
 *   array (the longest array a header needs is a shape), stopping where the limit is
 *   passed, before anything is parsed.
 *
 * It never throws: on malformed JSON it stops or records nonsense that `JSON.parse` then
 * refuses. Structural characters are ASCII, and in UTF-8 a byte below 0x80 is always an
 * ASCII character, so scanning bytes (not decoded characters) is exact and gives file
 * offsets directly.
 *
 * @module
 */

import { MAX_RANK } from '@qaxon/tensor';

/** Deepest nesting a safetensors header needs. */
export const MAX_HEADER_DEPTH = 3;

/**
 * The most keys an object of the header may have: tensors in a file, or `__metadata__`
 * entries (100,000; sharded checkpoints hold a few thousand tensors per file). A header
 * with more is refused before it is parsed.
 *
 * @example
 * ```ts
 * import { MAX_HEADER_ENTRIES } from '@qaxon/safetensors';
 * console.log(MAX_HEADER_ENTRIES); // 100000
 * ```
 */
export const MAX_HEADER_ENTRIES = 100_000;

/** The most items an array of the header may have: a shape of `MAX_RANK` axes. */
export const MAX_ARRAY_ITEMS = MAX_RANK;

/** What {@link scanHeader} found. @internal */
export interface HeaderScan {
  /** Absolute byte offset of each top-level key, by decoded key. */
  rootKeyOffsets: Map<string, number>;
  /** The first duplicate key, with the offsets of both occurrences. */
  duplicate?: { key: string; byteOffset: number; firstByteOffset: number };
  /** Where nesting first went past {@link MAX_HEADER_DEPTH}. */
  tooDeepAt?: number;
  /** Where an object first got more than {@link MAX_HEADER_ENTRIES} keys. */
  tooManyKeysAt?: number;
  /** Where an array first got more than {@link MAX_ARRAY_ITEMS} items. */
  tooManyItemsAt?: number;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COLON = 0x3a;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;

const COMMA = 0x2c;

const lenientDecoder = new TextDecoder('utf-8');

/**
 * Scans `bytes[start, end)` (the header) as described in this module's summary.
 *
 * @internal
 */
export function scanHeader(bytes: Uint8Array, start: number, end: number): HeaderScan {
  const rootKeyOffsets = new Map<string, number>();
  // One entry per open container: the keys seen (with offsets) for objects, the commas
  // seen for arrays.
  const stack: (Map<string, number> | number)[] = [];
  let i = start;
  while (i < end) {
    const byte = bytes[i] as number;
    if (byte === QUOTE) {
      const close = findStringEnd(bytes, i + 1, end);
      if (close < 0) break;
      const top = stack.length > 0 ? stack[stack.length - 1] : undefined;
      if (top instanceof Map && isFollowedByColon(bytes, close + 1, end)) {
        const key = decodeKey(bytes, i, close + 1);
        if (key !== undefined) {
          const first = top.get(key);
          if (first !== undefined) return { rootKeyOffsets, duplicate: { key, byteOffset: i, firstByteOffset: first } };
          if (top.size >= MAX_HEADER_ENTRIES) return { rootKeyOffsets, tooManyKeysAt: i };
          top.set(key, i);
          if (stack.length === 1) rootKeyOffsets.set(key, i);
        }
      }
      i = close + 1;
      continue;
    }
    if (byte === OPEN_OBJECT || byte === OPEN_ARRAY) {
      if (stack.length >= MAX_HEADER_DEPTH) return { rootKeyOffsets, tooDeepAt: i };
      stack.push(byte === OPEN_OBJECT ? new Map() : 0);
    } else if (byte === CLOSE_OBJECT || byte === CLOSE_ARRAY) {
      stack.pop();
    } else if (byte === COMMA && typeof stack[stack.length - 1] === 'number') {
      const commas = (stack[stack.length - 1] as number) + 1;
      if (commas >= MAX_ARRAY_ITEMS) return { rootKeyOffsets, tooManyItemsAt: i };
      stack[stack.length - 1] = commas;
    }
    i++;
  }
  return { rootKeyOffsets };
}

/** Index of the closing quote of a string whose body starts at `from`, or -1. */
function findStringEnd(bytes: Uint8Array, from: number, end: number): number {
  for (let i = from; i < end; i++) {
    const byte = bytes[i];
    if (byte === BACKSLASH) i++;
    else if (byte === QUOTE) return i;
  }
  return -1;
}

function isFollowedByColon(bytes: Uint8Array, from: number, end: number): boolean {
  for (let i = from; i < end; i++) {
    const byte = bytes[i];
    if (byte === COLON) return true;
    if (byte !== 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d) return false;
  }
  return false;
}

/** The decoded key of the string token `bytes[from, to)` (quotes included). */
function decodeKey(bytes: Uint8Array, from: number, to: number): string | undefined {
  const token = lenientDecoder.decode(bytes.subarray(from, to));
  if (bytes.subarray(from, to).indexOf(BACKSLASH) < 0) return token.slice(1, -1);
  try {
    const key: unknown = JSON.parse(token);
    return typeof key === 'string' ? key : undefined;
  } catch {
    return undefined; // JSON.parse of the whole header reports the bad escape.
  }
}
