import type { ByteSource } from './byte-source.js';
import { PretrainedError } from './errors.js';

/**
 * A {@link ByteSource} over a `Blob` or `File` (a file picked in a browser, or `new
 * Blob(...)` in Node): each read slices the range and reads only it, so a multi-gigabyte
 * checkpoint is never held whole.
 *
 * @example
 * ```ts
 * import { blobSource } from '@qaxon/pretrained';
 * const source = blobSource(new Blob([new Uint8Array([1, 2, 3])]), 'three.bin');
 * console.log(source.size, await source.read(1, 2)); // 3 Uint8Array [2, 3]
 * ```
 */
export function blobSource(blob: Blob, name = blobName(blob)): ByteSource {
  return {
    name,
    size: blob.size,
    async read(offset, length, into) {
      if (offset + length > blob.size) {
        throw new PretrainedError(`${name}: truncated file: expected bytes up to ${offset + length}, the file has ${blob.size}`, name);
      }
      const bytes = new Uint8Array(await blob.slice(offset, offset + length).arrayBuffer());
      if (into === undefined) return bytes;
      into.set(bytes);
      return into;
    },
  };
}

/** A Blob's file name and path when it is a `File` (`webkitRelativePath` from a folder picker). */
export function blobName(blob: Blob): string {
  const file = blob as Partial<{ name: string; webkitRelativePath: string }>;
  if (typeof file.webkitRelativePath === 'string' && file.webkitRelativePath !== '') return file.webkitRelativePath;
  return typeof file.name === 'string' && file.name !== '' ? file.name : 'blob';
}
