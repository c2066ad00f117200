import { QTensor } from './qtensor.js';
import type { Tensor } from './tensor.js';

/** Elements of a kernel's weights read by {@link kernelStamp} (evenly spaced, first and last included). */
export const KERNEL_STAMP_SAMPLES = 1024;

/**
 * A cheap 32-bit fingerprint of a kernel's contents, for backends that keep a copy of a
 * kernel (an upload) and must notice when its arrays were written into after the upload.
 * It hashes the lengths, {@link KERNEL_STAMP_SAMPLES} evenly spaced elements of the
 * weights (the int8 `value` of a QTensor, the data of a float kernel) and every scale and
 * zero point: a few microseconds, whatever the kernel's size.
 *
 * The contract it serves: tensors are immutable once a backend has used them (`Tensor` and
 * `QTensor` objects are frozen, so their arrays cannot be swapped). Writing into their
 * arrays is not forbidden by JavaScript, so a backend compares the stamp on every use and
 * uploads again when it changed: a bulk write (`set`, `fill`, a reload into the same
 * arrays) is seen by every backend, as the reference backend sees it. A write to a few
 * elements between the sampled ones can go unnoticed by a caching backend: make a new
 * tensor instead (or release the upload, where the backend offers `release`).
 *
 * @example
 * ```ts
 * import { kernelStamp, QTensor, randomNormal } from '@qaxon/tensor';
 * const q = QTensor.fromTensor(randomNormal([64, 8], { seed: 1 }));
 * const before = kernelStamp(q);
 * q.value.data.fill(1);
 * console.log(kernelStamp(q) !== before); // true
 * ```
 */
export function kernelStamp(kernel: Tensor | QTensor): number {
  if (kernel instanceof QTensor) {
    let hash = sampledHash(kernel.value.data, FNV_OFFSET);
    hash = fullHash(kernel.scale.data, hash);
    return fullHash(kernel.zeroPoint.data, hash);
  }
  return sampledHash(kernel.data, FNV_OFFSET);
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 16777619;

type Elements = Float32Array | Int8Array | Int32Array;

function mix(hash: number, word: number): number {
  return Math.imul(hash ^ word, FNV_PRIME);
}

/** The elements as 32-bit words (float bits for Float32Array, so NaN payloads and -0 count). */
function wordsOf(array: Elements): Int32Array | Int8Array {
  return array instanceof Float32Array ? new Int32Array(array.buffer, array.byteOffset, array.length) : array;
}

function sampledHash(array: Elements, seed: number): number {
  const words = wordsOf(array);
  const length = words.length;
  let hash = mix(seed, length);
  if (length === 0) return hash;
  const step = Math.max(1, Math.floor((length - 1) / (KERNEL_STAMP_SAMPLES - 1)));
  for (let i = 0; i < length; i += step) hash = mix(hash, words[i]!);
  return mix(hash, words[length - 1]!);
}

function fullHash(array: Elements, seed: number): number {
  const words = wordsOf(array);
  let hash = mix(seed, words.length);
  for (let i = 0; i < words.length; i++) hash = mix(hash, words[i]!);
  return hash;
}
