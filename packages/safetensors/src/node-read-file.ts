import { open, stat, type FileHandle } from 'node:fs/promises';
import type { Tensor } from '@qaxon/tensor';
import { decodeTensor } from './decode-tensor.js';
import { SafetensorsError } from './errors.js';
import { readHeaderLength } from './header-length.js';
import { parseHeader, type TensorEntry } from './read-header.js';
import type { SafetensorsContents } from './read-safetensors.js';

/**
 * Largest run of neighbouring tensors read into one buffer (64 MiB): a larger file is
 * read in several buffers, never in one; a tensor larger than this gets a buffer of its
 * own. Tensors are views of these buffers (no copy), as with a file read whole.
 */
export const READ_CHUNK_BYTES = 64 * 1024 * 1024;

/** Node's largest single read (2 GiB - 1); longer ranges are read in pieces. */
const MAX_READ_BYTES = 0x7fff_ffff;

/**
 * Reads a safetensors file from disk in the order that lets a bad file be refused early:
 * it must be a regular file (not `/dev/zero`, a FIFO or a directory); its first 8 bytes
 * give the header length, checked against the limit and the file's size before the header
 * is read; the header is validated before any tensor is read; then the tensors are read
 * by ranges, in runs of at most `chunkBytes` ({@link READ_CHUNK_BYTES}).
 *
 * @internal
 */
export async function readSafetensorsFile(path: string | URL, chunkBytes = READ_CHUNK_BYTES): Promise<SafetensorsContents> {
  const file = await openSafetensorsFile(path);
  try {
    const tensors = Object.create(null) as Record<string, Tensor>;
    for (const entry of file.entries) tensors[entry.name] = undefined as never; // keep the header's order
    for (const run of runsOf(file.entries, chunkBytes)) {
      const begin = run[0]!.begin;
      const buffer = await file.read(begin, run[run.length - 1]!.end - begin);
      for (const entry of run) tensors[entry.name] = decodeTensor(buffer, entry.begin - begin, entry, file.dataStart + entry.begin);
    }
    return { tensors, metadata: file.metadata };
  } finally {
    await file.close();
  }
}

/**
 * An open safetensors file whose header was checked and parsed: its entries and metadata,
 * and a way to read any range of its data buffer. Close it when done.
 *
 * @internal
 */
export interface OpenSafetensorsFile {
  /** Absolute offset of the data buffer in the file. */
  readonly dataStart: number;
  /** The validated header entries, in header order. */
  readonly entries: readonly TensorEntry[];
  /** The `__metadata__` map (null-prototype, empty when absent). */
  readonly metadata: Record<string, string>;
  /** Bytes `[begin, begin + length)` of the data buffer, in a new buffer (or into `into`). */
  read(begin: number, length: number, into?: Uint8Array): Promise<Uint8Array>;
  /** Closes the file. */
  close(): Promise<void>;
}

/**
 * Opens a safetensors file and reads and validates its header only (see
 * {@link readSafetensorsFile} for the order of the checks).
 *
 * @internal
 */
export async function openSafetensorsFile(path: string | URL): Promise<OpenSafetensorsFile> {
  // Checked before opening too: opening a FIFO for reading waits for a writer, forever.
  checkRegularFile(await stat(path), path);
  const handle = await open(path, 'r');
  try {
    const stats = await handle.stat();
    checkRegularFile(stats, path);
    const fileLength = stats.size;
    const headerLength = readHeaderLength(await readRange(handle, 0, Math.min(8, fileLength), fileLength), fileLength);
    const { dataStart, entries, metadata } = parseHeader(await readRange(handle, 0, 8 + headerLength, fileLength), fileLength);
    return {
      dataStart,
      entries,
      metadata: metadata ?? (Object.create(null) as Record<string, string>),
      read: (begin, length, into) => readRange(handle, dataStart + begin, length, fileLength, into),
      close: () => handle.close(),
    };
  } catch (error) {
    await handle.close();
    throw error;
  }
}

/** The entries in offset order (they tile the data buffer), grouped into runs of at most `chunkBytes`. */
function runsOf(entries: readonly TensorEntry[], chunkBytes: number): TensorEntry[][] {
  const runs: TensorEntry[][] = [];
  let run: TensorEntry[] = [];
  for (const entry of [...entries].sort((a, b) => a.begin - b.begin)) {
    if (run.length > 0 && entry.end - run[0]!.begin > chunkBytes) {
      runs.push(run);
      run = [];
    }
    run.push(entry);
  }
  if (run.length > 0) runs.push(run);
  return runs;
}

/** Bytes `[position, position + length)` of the file, in a new buffer (or `into`); a file that shrank meanwhile is an error. */
async function readRange(handle: FileHandle, position: number, length: number, fileLength: number, into?: Uint8Array): Promise<Uint8Array> {
  const bytes = into ?? new Uint8Array(length);
  for (let done = 0; done < length; ) {
    const { bytesRead } = await handle.read(bytes, done, Math.min(length - done, MAX_READ_BYTES), position + done);
    if (bytesRead === 0) {
      throw new SafetensorsError(
        `truncated file: expected ${fileLength} bytes (its size when opened), could read only ${position + done} (did it change while loading?)`,
        { byteOffset: position + done },
      );
    }
    done += bytesRead;
  }
  return bytes;
}

function checkRegularFile(stats: Stats, path: string | URL): void {
  if (!stats.isFile()) throw new SafetensorsError(`loadState(${String(path)}): expected a regular file, got ${kindOf(stats)}`);
}

type Stats = Awaited<ReturnType<typeof stat>>;

function kindOf(stats: Stats): string {
  if (stats.isDirectory()) return 'a directory';
  if (stats.isCharacterDevice()) return 'a character device (such as /dev/zero)';
  if (stats.isBlockDevice()) return 'a block device';
  if (stats.isFIFO()) return 'a FIFO (named pipe)';
  if (stats.isSocket()) return 'a socket';
  return 'something other than a file';
}
