import { QTensor, storedZeroPointOf } from './qtensor.js';
import type { Tensor } from './tensor.js';

/** Elements of a kernel's weights read by {@link kernelStamp} (evenly spaced, first and last included). */
export const KERNEL_STAMP_SAMPLES = 256;

/** Elements of a QTensor's scales and of its zero points read by {@link kernelStamp}. */
const PART_SAMPLES = 64;

/**
 * A cheap 32-bit fingerprint of a kernel's contents, for backends that keep a copy of a
 * kernel (an upload) and must notice when its arrays were written into after the upload.
 * It hashes the lengths and {@link KERNEL_STAMP_SAMPLES} evenly spaced elements of the
 * weights (the int8 `value` of a QTensor, its packed bytes for 4 bits, the data of a float kernel), and 64 of the
 * scales and of the zero points: about a microsecond, whatever the kernel's size. A
 * QTensor's layout (bits, axis, group size) is part of the stamp when it is not the
 * per-channel int8 default (whose stamps are as they always were).
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
    const hash = hashSampled(kernel.value.data, layoutSeed(kernel), KERNEL_STAMP_SAMPLES);
    const zeroPoints = storedZeroPointOf(kernel)?.data ?? NO_ZERO_POINTS;
    return hashSampled(zeroPoints, hashSampled(floatBitsOf(kernel.scale.data), hash, PART_SAMPLES), PART_SAMPLES);
  }
  const data = kernel.data;
  return hashSampled(data instanceof Float32Array ? floatBitsOf(data) : data, FNV_OFFSET, KERNEL_STAMP_SAMPLES);
}

const FNV_OFFSET = 0x811c9dc5;
/** What a 4-bit QTensor stored without zero points hashes in their place. */
const NO_ZERO_POINTS = new Int8Array(0);
const FNV_PRIME = 16777619;

/** The seed of a QTensor's stamp: the FNV offset, mixed with the layout unless it is per-channel int8. */
function layoutSeed(kernel: QTensor): number {
  const { bits, axis, groupSize } = kernel;
  if (bits === 8 && axis === 1 && groupSize === undefined) return FNV_OFFSET;
  let hash = Math.imul(FNV_OFFSET ^ bits, FNV_PRIME);
  hash = Math.imul(hash ^ axis, FNV_PRIME);
  return Math.imul(hash ^ (groupSize ?? 0), FNV_PRIME);
}

/** The float bits of `array` (so NaN payloads and -0 count), as an Int32Array view. */
function floatBitsOf(array: Float32Array): Int32Array {
  return new Int32Array(array.buffer, array.byteOffset, array.length);
}

/** The distance between sampled elements: every element when there are few. */
function sampleStep(length: number, samples: number): number {
  return Math.max(1, Math.floor((length - 1) / (samples - 1)));
}

/** Hashes the length and `samples` evenly spaced elements of `words`, the last included. */
function hashSampled(words: Int8Array | Int32Array, seed: number, samples: number): number {
  const length = words.length;
  let hash = Math.imul(seed ^ length, FNV_PRIME);
  if (length === 0) return hash;
  const step = sampleStep(length, samples);
  for (let i = 0; i < length; i += step) hash = Math.imul(hash ^ words[i]!, FNV_PRIME);
  return Math.imul(hash ^ words[length - 1]!, FNV_PRIME);
}
