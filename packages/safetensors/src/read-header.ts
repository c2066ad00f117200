import { emptyOuterSize, MAX_EMPTY_OUTER_SIZE } from '@qaxon/tensor';
import { elementSizeOf, isReadableDType, READABLE_DTYPES, type ReadableDType } from './dtypes.js';
import { quoteName, SafetensorsError } from './errors.js';
import { MAX_ARRAY_ITEMS, MAX_HEADER_DEPTH, MAX_HEADER_ENTRIES, scanHeader } from './header-scan.js';
import { readHeaderLength } from './header-length.js';
import { firstInvalidUtf8 } from './utf8-validation.js';

/** The key of the optional string-to-string metadata map in the header. */
export const METADATA_KEY = '__metadata__';

/** One validated tensor entry of the header. @internal */
export interface TensorEntry {
  name: string;
  dtype: ReadableDType;
  shape: number[];
  /** Element count (product of the shape). */
  size: number;
  /** `data_offsets`, relative to the start of the data buffer. */
  begin: number;
  end: number;
}

/** A parsed and fully validated header. @internal */
export interface ParsedHeader {
  /** Absolute offset of the data buffer in `bytes` (8 + header length). */
  dataStart: number;
  entries: TensorEntry[];
  /** The `__metadata__` map (null-prototype), or undefined when absent. */
  metadata: Record<string, string> | undefined;
}

const headerTextDecoder = new TextDecoder('utf-8', { ignoreBOM: true });

/**
 * Reads and validates the header of a safetensors file: length, UTF-8, JSON, duplicate
 * keys, every entry's dtype/shape/offsets, and that the tensors cover the data buffer
 * exactly (no overlap, no hole, nothing past the end). Throws {@link SafetensorsError}.
 * `bytes` holds the file, or at least its first `8 + header length` bytes when the file
 * (of `fileLength` bytes) is read in parts.
 *
 * @internal
 */
export function parseHeader(bytes: Uint8Array, fileLength = bytes.length): ParsedHeader {
  const headerLength = readHeaderLength(bytes, fileLength);
  const dataStart = 8 + headerLength;
  if (bytes.length < dataStart) {
    throw new SafetensorsError(`expected the header bytes 0..${dataStart} to parse, got ${bytes.length} bytes`, { byteOffset: bytes.length });
  }
  if (headerLength === 0 || bytes[8] !== 0x7b) {
    const found = headerLength === 0 ? 'an empty header' : `byte 0x${(bytes[8] as number).toString(16).padStart(2, '0')}`;
    throw new SafetensorsError(`expected the JSON header to start with '{' (0x7b) at byte 8, found ${found}`, { byteOffset: 8 });
  }
  const badUtf8 = firstInvalidUtf8(bytes, 8, dataStart);
  if (badUtf8 >= 0) {
    throw new SafetensorsError(
      `expected the header to be valid UTF-8, found an invalid sequence starting with byte 0x${(bytes[badUtf8] as number).toString(16).padStart(2, '0')} at byte ${badUtf8}`,
      { byteOffset: badUtf8 },
    );
  }
  const scan = scanHeader(bytes, 8, dataStart);
  if (scan.tooDeepAt !== undefined) {
    throw new SafetensorsError(
      `header nests deeper than ${MAX_HEADER_DEPTH} levels at byte ${scan.tooDeepAt}: expected {"name": {"dtype": .., "shape": [..], "data_offsets": [..]}, "__metadata__": {"key": "value"}}`,
      { byteOffset: scan.tooDeepAt },
    );
  }
  if (scan.tooManyKeysAt !== undefined) {
    throw new SafetensorsError(
      `header object has more than ${MAX_HEADER_ENTRIES} keys (MAX_HEADER_ENTRIES): key ${MAX_HEADER_ENTRIES + 1} is at byte ${scan.tooManyKeysAt}; expected at most ${MAX_HEADER_ENTRIES} tensors (or metadata entries) per file`,
      { byteOffset: scan.tooManyKeysAt },
    );
  }
  if (scan.tooManyItemsAt !== undefined) {
    throw new SafetensorsError(
      `header array has more than ${MAX_ARRAY_ITEMS} items at byte ${scan.tooManyItemsAt}: expected "shape" arrays of at most ${MAX_ARRAY_ITEMS} axes and "data_offsets" [begin, end]`,
      { byteOffset: scan.tooManyItemsAt },
    );
  }
  const text = headerTextDecoder.decode(bytes.subarray(8, dataStart));
  let header: unknown;
  try {
    header = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const byteOffset = jsonErrorByteOffset(reason, text);
    throw new SafetensorsError(
      `expected the header (bytes 8..${dataStart}) to be valid JSON: ${reason}${byteOffset === undefined ? '' : ` (file byte ${byteOffset})`}`,
      { byteOffset: byteOffset ?? 8, cause: error },
    );
  }
  if (scan.duplicate) {
    const { key, byteOffset, firstByteOffset } = scan.duplicate;
    throw new SafetensorsError(
      `duplicate key ${quoteName(key)} in the header at byte ${byteOffset} (first seen at byte ${firstByteOffset}): the format forbids duplicate keys`,
      { byteOffset, tensorName: key },
    );
  }
  if (header === null || typeof header !== 'object' || Array.isArray(header)) {
    throw new SafetensorsError(`expected the header to be a JSON object, found ${describeJson(header)}`, { byteOffset: 8 });
  }
  const dataLength = fileLength - dataStart;
  const entries: TensorEntry[] = [];
  let metadata: Record<string, string> | undefined;
  for (const [name, value] of Object.entries(header)) {
    const byteOffset = scan.rootKeyOffsets.get(name) ?? 8;
    if (name === METADATA_KEY) metadata = readMetadata(value, byteOffset);
    else entries.push(readEntry(name, value, byteOffset, dataStart, dataLength));
  }
  checkCoverage(entries, dataStart, dataLength);
  return { dataStart, entries, metadata };
}

function readMetadata(value: unknown, byteOffset: number): Record<string, string> | undefined {
  if (value === null) return undefined; // the reference implementation reads null as "no metadata"
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new SafetensorsError(`expected "__metadata__" (header byte ${byteOffset}) to be an object of strings, found ${describeJson(value)}`, {
      byteOffset,
    });
  }
  const metadata: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const [key, entry] of Object.entries(value as Record<string, unknown>)) {
    if (typeof entry !== 'string') {
      throw new SafetensorsError(
        `expected "__metadata__" value ${quoteName(key)} (header byte ${byteOffset}) to be a string, found ${describeJson(entry)}`,
        { byteOffset },
      );
    }
    metadata[key] = entry;
  }
  return metadata;
}

function readEntry(name: string, value: unknown, byteOffset: number, dataStart: number, dataLength: number): TensorEntry {
  const where = `tensor ${quoteName(name)} (header byte ${byteOffset})`;
  const fail = (message: string): never => {
    throw new SafetensorsError(`${where}: ${message}`, { byteOffset, tensorName: name });
  };
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return fail(`expected an object {"dtype", "shape", "data_offsets"}, found ${describeJson(value)}`);
  }
  const { dtype, shape, data_offsets: offsets } = value as Record<string, unknown>;
  if (typeof dtype !== 'string') return fail(`expected "dtype" to be a string, found ${describeJson(dtype)}`);
  if (!isReadableDType(dtype)) return fail(`unsupported dtype ${quoteName(dtype)}; supported dtypes: ${READABLE_DTYPES.join(', ')}`);
  if (!Array.isArray(shape)) return fail(`expected "shape" to be an array of non-negative integers, found ${describeJson(shape)}`);
  let size = 1;
  shape.forEach((dimension: unknown, axis) => {
    if (!isIndex(dimension)) {
      fail(`expected "shape" axis ${axis} to be a non-negative integer, found ${describeJson(dimension)}`);
    }
  });
  if (!shape.includes(0)) {
    for (const dimension of shape as number[]) {
      size *= dimension;
      if (size > Number.MAX_SAFE_INTEGER) return fail(`shape [${shape.join(', ')}] has more elements than 2^53 - 1`);
    }
  } else {
    size = 0;
    const outer = emptyOuterSize(shape as number[]);
    if (outer > MAX_EMPTY_OUTER_SIZE) {
      return fail(`empty shape [${shape.join(', ')}] has ${outer} positions before its first zero axis; expected at most ${MAX_EMPTY_OUTER_SIZE} (MAX_EMPTY_OUTER_SIZE)`);
    }
  }
  if (!Array.isArray(offsets) || offsets.length !== 2 || !isIndex(offsets[0]) || !isIndex(offsets[1])) {
    return fail(`expected "data_offsets" to be [begin, end] with non-negative integers, found ${describeJson(offsets)}`);
  }
  const [begin, end] = offsets as [number, number];
  if (begin > end) return fail(`expected data_offsets [begin, end] with begin <= end, found [${begin}, ${end}]`);
  if (end > dataLength) {
    return fail(
      `data_offsets [${begin}, ${end}] run past the end of the data buffer, which holds ${dataLength} bytes (file bytes ${dataStart}..${dataStart + dataLength})`,
    );
  }
  const needed = size * elementSizeOf(dtype);
  if (end - begin !== needed) {
    return fail(
      `data_offsets [${begin}, ${end}] hold ${end - begin} bytes, but dtype ${dtype} x shape [${shape.join(', ')}] needs ${needed} bytes`,
    );
  }
  // `+ 0` turns a JSON -0 into 0.
  return { name, dtype, shape: (shape as number[]).map((dimension) => dimension + 0), size, begin: begin + 0, end: end + 0 };
}

/** The tensors must tile the data buffer: sorted by offset, each starts where the last ended. */
function checkCoverage(entries: TensorEntry[], dataStart: number, dataLength: number): void {
  const sorted = [...entries].sort((a, b) => a.begin - b.begin || a.end - b.end);
  let covered = 0;
  let previous: TensorEntry | undefined;
  for (const entry of sorted) {
    if (entry.begin < covered) {
      throw new SafetensorsError(
        `tensor ${quoteName(entry.name)}: data_offsets [${entry.begin}, ${entry.end}] overlap tensor ${quoteName(previous?.name ?? '')} [${previous?.begin}, ${previous?.end}] (file byte ${dataStart + entry.begin})`,
        { byteOffset: dataStart + entry.begin, tensorName: entry.name },
      );
    }
    if (entry.begin > covered) {
      throw new SafetensorsError(
        `hole in the data buffer: bytes [${covered}, ${entry.begin}) before tensor ${quoteName(entry.name)} belong to no tensor (file byte ${dataStart + covered}); expected the tensors to cover the buffer without gaps`,
        { byteOffset: dataStart + covered, tensorName: entry.name },
      );
    }
    covered = entry.end;
    previous = entry;
  }
  if (covered !== dataLength) {
    throw new SafetensorsError(
      `the data buffer holds ${dataLength} bytes but the tensors cover only [0, ${covered}): bytes from file byte ${dataStart + covered} on belong to no tensor`,
      { byteOffset: dataStart + covered },
    );
  }
}

function isIndex(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

/** A short description of a parsed JSON value for messages. */
function describeJson(value: unknown): string {
  if (Array.isArray(value)) {
    const text = JSON.stringify(value);
    return text.length > 80 ? `an array of ${value.length} items` : text;
  }
  if (value === null) return 'null';
  if (typeof value === 'object') return 'an object';
  if (value === undefined) return 'nothing (the field is missing)';
  return typeof value === 'string' ? quoteName(value) : String(value);
}

/** Best effort: turn `JSON.parse`'s "at position N" (a character index) into a file byte offset. */
function jsonErrorByteOffset(message: string, text: string): number | undefined {
  const match = /position (\d+)/.exec(message);
  if (!match) return undefined;
  const position = Math.min(Number(match[1]), text.length);
  return 8 + new TextEncoder().encode(text.slice(0, position)).length;
}
