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
  return stampWith(kernel, hashSampled);
}

/**
 * How much of a kernel a caching backend compares on every use: `'sampled'` (the default)
 * is {@link kernelStamp}, about a microsecond whatever the size; `'full'` is
 * {@link kernelDigest}, which reads every element (a pass over the weights on every use,
 * for code that writes into weights it keeps using).
 */
export type WeightCheck = 'sampled' | 'full';

/**
 * A fingerprint of every element of a kernel's weights, scales and zero points (and of
 * its layout, as {@link kernelStamp}), for callers that write into a kernel's arrays after
 * a backend used it and need every such write seen. Four independent FNV-1a lanes over
 * 32-bit words: any write that changes one element changes the digest (each step of a lane
 * is a bijection), and several writes go unseen only by a 128-bit collision. It costs one
 * pass over the arrays; `kernelStamp` is the cheap default.
 *
 * @example
 * ```ts
 * import { kernelDigest, kernelStamp, QTensor, randomNormal } from '@qaxon/tensor';
 * const q = QTensor.fromTensor(randomNormal([256, 64], { seed: 1 }));
 * const [sampled, full] = [kernelStamp(q), kernelDigest(q)];
 * q.value.data[3] = q.value.data[3]! === 1 ? 2 : 1; // between kernelStamp's samples
 * console.log(kernelStamp(q) === sampled, kernelDigest(q) !== full); // true true
 * ```
 */
export function kernelDigest(kernel: Tensor | QTensor): string {
  const lanes = new Int32Array(DIGEST_LANES);
  stampWith(kernel, (words, seed) => {
    hashEvery(words, seed, lanes);
    return seed;
  });
  return Array.from(lanes, (lane) => (lane >>> 0).toString(16)).join('.');
}

/** Feeds a kernel's parts (weights, scales, zero points) to `hash` in a fixed order; returns the last hash. */
function stampWith(kernel: Tensor | QTensor, hash: (words: Int8Array | Int32Array, seed: number, samples: number) => number): number {
  if (kernel instanceof QTensor) {
    const weights = hash(kernel.value.data, layoutSeed(kernel), KERNEL_STAMP_SAMPLES);
    const zeroPoints = storedZeroPointOf(kernel)?.data ?? NO_ZERO_POINTS;
    return hash(zeroPoints, hash(floatBitsOf(kernel.scale.data), weights, PART_SAMPLES), PART_SAMPLES);
  }
  const data = kernel.data;
  return hash(data instanceof Float32Array ? floatBitsOf(data) : data, FNV_OFFSET, KERNEL_STAMP_SAMPLES);
}

/** Lanes of {@link kernelDigest}: independent hashes, so the loop is not one long multiply chain. */
const DIGEST_LANES = 4;

/**
 * Mixes the length, `seed` and every element of `words` into `lanes`: 32-bit words go to
 * lane `i % 4`; an Int8Array is read four bytes per word where its offset allows.
 */
function hashEvery(words: Int8Array | Int32Array, seed: number, lanes: Int32Array): void {
  let h0 = Math.imul(lanes[0]! ^ seed ^ words.length, FNV_PRIME);
  let h1 = lanes[1]!, h2 = lanes[2]!, h3 = lanes[3]!;
  const wide = words instanceof Int8Array && words.byteOffset % 4 === 0 ? new Int32Array(words.buffer, words.byteOffset, words.length >> 2) : words;
  const whole = wide.length & ~3;
  for (let i = 0; i < whole; i += 4) {
    h0 = Math.imul(h0 ^ wide[i]!, FNV_PRIME);
    h1 = Math.imul(h1 ^ wide[i + 1]!, FNV_PRIME);
    h2 = Math.imul(h2 ^ wide[i + 2]!, FNV_PRIME);
    h3 = Math.imul(h3 ^ wide[i + 3]!, FNV_PRIME);
  }
  for (let i = whole; i < wide.length; i++) h0 = Math.imul(h0 ^ wide[i]!, FNV_PRIME);
  // Bytes past the last whole word of an Int8Array read as words.
  for (let i = wide === words ? words.length : wide.length << 2; i < words.length; i++) h1 = Math.imul(h1 ^ words[i]!, FNV_PRIME);
  lanes[0] = h0;
  lanes[1] = h1;
  lanes[2] = h2;
  lanes[3] = h3;
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
