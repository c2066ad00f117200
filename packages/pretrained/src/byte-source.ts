/**
 * Random access to the bytes of a checkpoint file: its size and any range of it. The Node
 * loader reads a file through one; a browser caller can wrap a `Blob` (`slice` then
 * `arrayBuffer`) or an in-memory buffer ({@link bytesSource}).
 *
 * @example
 * ```ts
 * import type { ByteSource } from '@qaxon/pretrained';
 * const fromBlob = (blob: Blob, name: string): ByteSource => ({
 *   name,
 *   size: blob.size,
 *   read: async (offset, length) => new Uint8Array(await blob.slice(offset, offset + length).arrayBuffer()),
 * });
 * ```
 */
export interface ByteSource {
  /** File name for messages. */
  readonly name: string;
  /** Size in bytes. */
  readonly size: number;
  /** Bytes `[offset, offset + length)`, in a new buffer or in `into` (at its start). */
  read(offset: number, length: number, into?: Uint8Array): Promise<Uint8Array>;
}

/**
 * A {@link ByteSource} over bytes already in memory.
 *
 * @example
 * ```ts
 * import { bytesSource } from '@qaxon/pretrained';
 * const source = bytesSource(new Uint8Array([1, 2, 3]), 'three.bin');
 * console.log(source.size, await source.read(1, 2)); // 3 Uint8Array [2, 3]
 * ```
 */
export function bytesSource(bytes: Uint8Array, name = 'bytes'): ByteSource {
  return {
    name,
    size: bytes.length,
    read: async (offset, length, into) => {
      const range = bytes.subarray(offset, Math.min(bytes.length, offset + length));
      if (into === undefined) return range.slice();
      into.set(range);
      return into;
    },
  };
}
