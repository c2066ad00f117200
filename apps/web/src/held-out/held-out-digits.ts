import { readSafetensors } from '@qaxon/safetensors';
import { MNIST_PIXELS } from '../model/mnist-model.js';

/**
 * Digits from `apps/mnist`'s held-out test split (never trained on), as shipped with the
 * page in `held-out-digits.safetensors` (written by `scripts/export-held-out-digits.mjs`).
 *
 * @example
 * ```ts
 * const digits = decodeHeldOutDigits(bytes);
 * console.log(digits.count, digits.labels[0], digits.image(0).length); // 50 0 784
 * ```
 */
export interface HeldOutDigits {
  /** Number of digits. */
  readonly count: number;
  /** The true class of each digit. */
  readonly labels: Int32Array;
  /** Each digit's position among the 10,000 digits bundled by the `mnist` package. */
  readonly ids: Int32Array;
  /** The grey levels (in [0, 1], 784 values, row-major) of digit `index`, as a view. */
  image(index: number): Float32Array;
}

/** The error thrown when the held-out digits file is not what the page expects. */
export class HeldOutDigitsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HeldOutDigitsError';
  }
}

/**
 * Reads the held-out digits file: tensors `images` (F32 `[n, 784]`), `labels` and `ids`
 * (I32 `[n]`).
 *
 * @example
 * ```ts
 * const response = await fetch(heldOutDigitsUrl);
 * const digits = decodeHeldOutDigits(new Uint8Array(await response.arrayBuffer()));
 * ```
 */
export function decodeHeldOutDigits(bytes: Uint8Array | ArrayBuffer): HeldOutDigits {
  const { tensors } = readSafetensors(bytes);
  const { images, labels, ids } = tensors;
  if (images === undefined || labels === undefined || ids === undefined) {
    throw new HeldOutDigitsError(`held-out digits: expected tensors images, labels and ids, got ${Object.keys(tensors).join(', ') || 'none'}`);
  }
  const count = labels.shape[0] ?? 0;
  const expectShape = (name: string, shape: readonly number[], expected: readonly number[]): void => {
    if (shape.length !== expected.length || shape.some((d, axis) => d !== expected[axis])) {
      throw new HeldOutDigitsError(`held-out digits: expected ${name} of shape [${expected.join(', ')}], got [${shape.join(', ')}]`);
    }
  };
  expectShape('images', images.shape, [count, MNIST_PIXELS]);
  expectShape('labels', labels.shape, [count]);
  expectShape('ids', ids.shape, [count]);
  if (!(images.data instanceof Float32Array) || !(labels.data instanceof Int32Array) || !(ids.data instanceof Int32Array)) {
    throw new HeldOutDigitsError(`held-out digits: expected images f32 and labels/ids s32, got ${images.dtype}, ${labels.dtype}, ${ids.dtype}`);
  }
  const pixels = images.data;
  return Object.freeze({
    count,
    labels: labels.data,
    ids: ids.data,
    image(index: number): Float32Array {
      if (!Number.isInteger(index) || index < 0 || index >= count) {
        throw new HeldOutDigitsError(`held-out digits: expected an index in [0, ${count}), got ${index}`);
      }
      return pixels.subarray(index * MNIST_PIXELS, (index + 1) * MNIST_PIXELS);
    },
  });
}
