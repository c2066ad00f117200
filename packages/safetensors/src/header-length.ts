import { SafetensorsError } from './errors.js';

/**
 * The largest JSON header accepted, in bytes (the reference implementation's limit):
 * anything larger is refused before it is read.
 *
 * @example
 * ```ts
 * import { MAX_HEADER_BYTES } from '@qaxon/safetensors';
 * console.log(MAX_HEADER_BYTES); // 100000000
 * ```
 */
export const MAX_HEADER_BYTES = 100_000_000;

/**
 * The header length from the first 8 bytes of a file of `fileLength` bytes (a
 * little-endian u64), checked against {@link MAX_HEADER_BYTES} and the file's length, so
 * a reader can refuse a file before reading more than these 8 bytes.
 *
 * @internal
 */
export function readHeaderLength(bytes: Uint8Array, fileLength: number): number {
  if (fileLength < 8 || bytes.length < 8) {
    throw new SafetensorsError(
      `truncated file: expected at least 8 bytes (the little-endian u64 header length), found ${Math.min(fileLength, bytes.length)}`,
      { byteOffset: Math.min(fileLength, bytes.length) },
    );
  }
  const low = ((bytes[0] as number) | ((bytes[1] as number) << 8) | ((bytes[2] as number) << 16) | ((bytes[3] as number) << 24)) >>> 0;
  const high = ((bytes[4] as number) | ((bytes[5] as number) << 8) | ((bytes[6] as number) << 16) | ((bytes[7] as number) << 24)) >>> 0;
  if (high !== 0 || low > MAX_HEADER_BYTES) {
    const declared = (BigInt(high) << 32n) | BigInt(low);
    throw new SafetensorsError(`header length ${declared} (bytes 0..7) is larger than the ${MAX_HEADER_BYTES}-byte limit`, { byteOffset: 0 });
  }
  const dataStart = 8 + low;
  if (dataStart > fileLength) {
    throw new SafetensorsError(
      `truncated file: the header length (bytes 0..7) says the header spans bytes 8..${dataStart}, but the file has only ${fileLength} bytes`,
      { byteOffset: 0 },
    );
  }
  return low;
}
