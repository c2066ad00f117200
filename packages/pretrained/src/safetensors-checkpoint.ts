import { decodeBFloat16, decodeFloat16, MAX_HEADER_BYTES } from '@qaxon/safetensors';
import { Tensor } from '@qaxon/tensor';
import type { ByteSource } from './byte-source.js';
import { PretrainedError } from './errors.js';
import type { StateAssembler } from './state-assembler.js';

const ELEMENT_BYTES = { F32: 4, F16: 2, BF16: 2 } as const;
type FloatDType = keyof typeof ELEMENT_BYTES;

/** One tensor of a safetensors header, checked. @internal */
export interface SafetensorsEntry {
  readonly name: string;
  readonly dtype: string;
  readonly shape: readonly number[];
  /** Absolute byte range in the file. */
  readonly begin: number;
  readonly end: number;
}

/**
 * Reads and checks the header of a safetensors file (8-byte little-endian length, JSON):
 * every entry's dtype, shape and offsets, which must lie inside the file and match the
 * shape. Returns the entries with absolute offsets.
 *
 * @internal
 */
export async function readSafetensorsEntries(source: ByteSource): Promise<SafetensorsEntry[]> {
  const fail = (what: string): never => {
    throw new PretrainedError(`${source.name}: ${what}`, source.name);
  };
  if (source.size < 8) fail(`truncated file: expected at least 8 bytes (the header length), got ${source.size}`);
  const lengthBytes = await source.read(0, 8);
  const view = new DataView(lengthBytes.buffer, lengthBytes.byteOffset, 8);
  const headerLength = view.getUint32(0, true) + view.getUint32(4, true) * 2 ** 32;
  if (headerLength > MAX_HEADER_BYTES || 8 + headerLength > source.size) {
    fail(`expected a header length of at most ${Math.min(MAX_HEADER_BYTES, source.size - 8)} bytes (the file has ${source.size}), got ${headerLength}`);
  }
  let header: unknown;
  try {
    header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(await source.read(8, headerLength)));
  } catch (error) {
    fail(`expected the header (bytes 8 to ${8 + headerLength}) to be UTF-8 JSON: ${(error as Error).message}`);
  }
  if (header === null || typeof header !== 'object' || Array.isArray(header)) fail('expected the header to be a JSON object');
  const dataStart = 8 + headerLength;
  const entries: SafetensorsEntry[] = [];
  for (const [name, value] of Object.entries(header as Record<string, unknown>)) {
    if (name === '__metadata__') continue;
    const entry = value as { dtype?: unknown; shape?: unknown; data_offsets?: unknown } | null;
    const shape = entry?.shape;
    const offsets = entry?.data_offsets;
    if (
      entry === null ||
      typeof entry !== 'object' ||
      typeof entry.dtype !== 'string' ||
      !Array.isArray(shape) ||
      !shape.every((size) => Number.isSafeInteger(size) && size >= 0) ||
      !Array.isArray(offsets) ||
      offsets.length !== 2 ||
      !offsets.every((offset) => Number.isSafeInteger(offset) && offset >= 0)
    ) {
      fail(`expected header entry '${name}' to have a dtype, a shape of sizes and two data_offsets, got ${JSON.stringify(value).slice(0, 200)}`);
    }
    const [begin, end] = offsets as [number, number];
    if (begin > end || dataStart + end > source.size) fail(`tensor '${name}': data_offsets [${begin}, ${end}] reach past the end of the data (${source.size - dataStart} bytes)`);
    entries.push({ name, dtype: entry!.dtype as string, shape: shape as number[], begin: dataStart + begin, end: dataStart + end });
  }
  return entries;
}

/** Bytes read at a time: a tensor is read and widened in blocks of rows of about this size. */
const READ_BLOCK_BYTES = 4 * 2 ** 20;

/**
 * Reads the tensors `assembler` wants from one safetensors file, one at a time (F32, F16
 * or BF16, widened to float32), and gives each to the assembler, which quantizes it before
 * the next is read. Each tensor is read in blocks of rows straight into its float32 array
 * (transposed on the way when the assembler takes it transposed), so reading one holds
 * that array, one block of bytes and nothing else.
 *
 * @internal
 */
export async function readSafetensorsWeights(source: ByteSource, assembler: StateAssembler): Promise<void> {
  for (const entry of await readSafetensorsEntries(source)) {
    if (!assembler.wants(entry.name)) continue;
    if (!(entry.dtype in ELEMENT_BYTES)) {
      throw new PretrainedError(`${source.name}: tensor '${entry.name}': expected dtype F32, F16 or BF16, got ${entry.dtype}`, source.name);
    }
    const dtype = entry.dtype as FloatDType;
    const count = entry.shape.reduce((a, b) => a * b, 1);
    if (entry.end - entry.begin !== count * ELEMENT_BYTES[dtype]) {
      throw new PretrainedError(
        `${source.name}: tensor '${entry.name}': shape [${entry.shape.join(', ')}] in ${dtype} needs ${count * ELEMENT_BYTES[dtype]} bytes, data_offsets give ${entry.end - entry.begin}`,
        source.name,
      );
    }
    assembler.check(entry.name, entry.shape, source.name);
    const transposed = entry.shape.length === 2 && assembler.takesTransposed(entry.name);
    const values = await readFloats(source, entry, dtype, count, transposed);
    const shape = transposed ? [entry.shape[1]!, entry.shape[0]!] : [...entry.shape];
    assembler.accept(entry.name, new Tensor(values, shape, 'f32'), source.name, { transposed });
  }
}

/** The entry's values as float32, read in blocks of rows; `transposed`: a rank-2 `[rows, columns]` entry written as `[columns, rows]`. */
async function readFloats(source: ByteSource, entry: SafetensorsEntry, dtype: FloatDType, count: number, transposed: boolean): Promise<Float32Array> {
  const out = new Float32Array(count);
  const rows = entry.shape.length === 0 ? 1 : entry.shape[0]!;
  const columns = rows === 0 ? 0 : count / rows;
  const rowBytes = columns * ELEMENT_BYTES[dtype];
  const blockRows = Math.max(1, Math.floor(READ_BLOCK_BYTES / Math.max(1, rowBytes)));
  for (let row = 0; row < rows; row += blockRows) {
    const take = Math.min(blockRows, rows - row);
    const block = decodeFloats(await source.read(entry.begin + row * rowBytes, take * rowBytes), dtype, take * columns);
    if (!transposed) {
      out.set(block, row * columns);
      continue;
    }
    for (let r = 0; r < take; r++) {
      const from = r * columns;
      for (let c = 0, to = row + r; c < columns; c++, to += rows) out[to] = block[from + c]!;
    }
  }
  return out;
}

function decodeFloats(bytes: Uint8Array, dtype: FloatDType, count: number): Float32Array {
  if (dtype === 'F16') return decodeFloat16(bytes, 0, count);
  if (dtype === 'BF16') return decodeBFloat16(bytes, 0, count);
  if (bytes.byteOffset % 4 === 0) return new Float32Array(bytes.buffer, bytes.byteOffset, count);
  return new Float32Array(bytes.slice().buffer, 0, count);
}
