import { open, type FileHandle } from 'node:fs/promises';
import type { ByteSource } from './byte-source.js';
import { PretrainedError } from './errors.js';

/**
 * Opens a file as a {@link ByteSource} (reads by ranges, never the whole file at once);
 * `close` when done.
 *
 * @internal
 */
export async function openFileSource(path: string): Promise<ByteSource & { close(): Promise<void> }> {
  let handle: FileHandle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    throw new PretrainedError(`cannot open ${path}: ${(error as Error).message}`, path, { cause: error });
  }
  const stats = await handle.stat();
  if (!stats.isFile()) {
    await handle.close();
    throw new PretrainedError(`${path}: expected a regular file`, path);
  }
  return {
    name: path,
    size: stats.size,
    async read(offset, length, into) {
      const bytes = into ?? new Uint8Array(length);
      for (let done = 0; done < length; ) {
        const { bytesRead } = await handle.read(bytes, done, length - done, offset + done);
        if (bytesRead === 0) throw new PretrainedError(`${path}: truncated file: could read only up to byte ${offset + done}, expected ${offset + length}`, path);
        done += bytesRead;
      }
      return bytes;
    },
    close: () => handle.close(),
  };
}

/** Runs `use` on the file at `path`, closing it afterwards. @internal */
export async function withFileSource<T>(path: string, use: (source: ByteSource) => Promise<T>): Promise<T> {
  const source = await openFileSource(path);
  try {
    return await use(source);
  } finally {
    await source.close();
  }
}
