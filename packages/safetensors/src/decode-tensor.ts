import { Tensor } from '@qaxon/tensor';
import { PLATFORM_IS_LITTLE_ENDIAN } from './byte-order.js';
import { quoteName, SafetensorsError } from './errors.js';
import { decodeBFloat16, decodeFloat16 } from './half-precision.js';
import type { TensorEntry } from './read-header.js';

/**
 * Makes the tensor of one validated header entry. `F32` and `I32` data is a view of the
 * file's buffer (no copy) when its absolute offset is 4-byte aligned, else a copy; `I8` is
 * always a view (an Int8Array needs no alignment, and int8 parts never become float32);
 * `F16`/`BF16` are widened into a new Float32Array; `I64` is narrowed into a new
 * Int32Array with a range check. The tensor's bytes start at `bytes[start]`, which is
 * file byte `fileStart` (for messages; they differ when the file is read in parts).
 *
 * @internal
 */
export function decodeTensor(bytes: Uint8Array, start: number, entry: TensorEntry, fileStart = start): Tensor {
  const { size, shape } = entry;
  switch (entry.dtype) {
    case 'I8':
      return new Tensor(new Int8Array(bytes.buffer, bytes.byteOffset + start, size), shape, 's8');
    case 'F32':
      return new Tensor(view32(bytes, start, size, Float32Array), shape, 'f32');
    case 'I32':
      return new Tensor(view32(bytes, start, size, Int32Array), shape, 's32');
    case 'F16':
      return new Tensor(decodeFloat16(bytes, start, size), shape, 'f32');
    case 'BF16':
      return new Tensor(decodeBFloat16(bytes, start, size), shape, 'f32');
    case 'I64':
      return new Tensor(narrowInt64(bytes, start, entry, fileStart), shape, 's32');
  }
}

type Array32Constructor<A> = {
  new (buffer: ArrayBufferLike, byteOffset: number, length: number): A;
  new (length: number): A;
  readonly BYTES_PER_ELEMENT: number;
};

/** A 4-byte-element view of `bytes[start..]`, or an aligned copy when a view is impossible. */
function view32<A extends Float32Array | Int32Array>(bytes: Uint8Array, start: number, size: number, Type: Array32Constructor<A>): A {
  const absolute = bytes.byteOffset + start;
  if (PLATFORM_IS_LITTLE_ENDIAN && absolute % 4 === 0) return new Type(bytes.buffer, absolute, size);
  const out = new Type(size);
  if (PLATFORM_IS_LITTLE_ENDIAN) {
    new Uint8Array(out.buffer).set(bytes.subarray(start, start + size * 4));
    return out;
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset + start, size * 4);
  const isFloat = out instanceof Float32Array;
  for (let i = 0; i < size; i++) out[i] = isFloat ? view.getFloat32(i * 4, true) : view.getInt32(i * 4, true);
  return out;
}

/** I64 -> s32: each value must fit in [-2^31, 2^31 - 1]; the high word must be the sign extension of the low one. */
function narrowInt64(bytes: Uint8Array, start: number, entry: TensorEntry, fileStart: number): Int32Array {
  const out = new Int32Array(entry.size);
  for (let i = 0, at = start; i < entry.size; i++, at += 8) {
    const low = (bytes[at] as number) | ((bytes[at + 1] as number) << 8) | ((bytes[at + 2] as number) << 16) | ((bytes[at + 3] as number) << 24);
    const high = (bytes[at + 4] as number) | ((bytes[at + 5] as number) << 8) | ((bytes[at + 6] as number) << 16) | ((bytes[at + 7] as number) << 24);
    if (high !== low >> 31) {
      const value = (BigInt(high) << 32n) | BigInt(low >>> 0);
      throw new SafetensorsError(
        `tensor ${quoteName(entry.name)}: I64 value ${value} at element ${i} (file byte ${fileStart + 8 * i}) does not fit in s32 [-2147483648, 2147483647]`,
        { byteOffset: fileStart + 8 * i, tensorName: entry.name },
      );
    }
    out[i] = low;
  }
  return out;
}
