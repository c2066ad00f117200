import type { Prng } from '@qaxon/tensor';
import { IMAGE_SIDE, PIXELS } from './data.js';

/**
 * Copies one 28x28 image from `source` (at image index `from`) into `target` (at image
 * index `to`), shifted by `dx` columns right and `dy` rows down; pixels shifted in from
 * outside the image are 0 (background).
 *
 * @example
 * ```ts
 * const image = new Float32Array(784); image[0] = 1;
 * const moved = new Float32Array(784);
 * shiftImage(image, 0, moved, 0, 1, 2);
 * console.log(moved[2 * 28 + 1]); // 1
 * ```
 */
export function shiftImage(source: Float32Array, from: number, target: Float32Array, to: number, dx: number, dy: number): void {
  const sourceBase = from * PIXELS;
  const targetBase = to * PIXELS;
  target.fill(0, targetBase, targetBase + PIXELS);
  for (let row = 0; row < IMAGE_SIDE; row++) {
    const sourceRow = row - dy;
    if (sourceRow < 0 || sourceRow >= IMAGE_SIDE) continue;
    const firstColumn = Math.max(0, dx);
    const lastColumn = Math.min(IMAGE_SIDE, IMAGE_SIDE + dx);
    const start = sourceBase + sourceRow * IMAGE_SIDE + firstColumn - dx;
    target.set(source.subarray(start, start + lastColumn - firstColumn), targetBase + row * IMAGE_SIDE + firstColumn);
  }
}

/**
 * Light data augmentation for training: each image, picked in the order of `order`, is
 * shifted by a random whole number of pixels in `[-maxShift, maxShift]` along each axis
 * (independently, uniformly, from `random`). Returns a new flat image array.
 *
 * @example
 * ```ts
 * import { Prng } from '@qaxon/tensor';
 * const images = new Float32Array(2 * 784);
 * const shifted = shiftedImages(images, [1, 0], 2, new Prng(1));
 * console.log(shifted.length); // 1568
 * ```
 */
export function shiftedImages(images: Float32Array, order: ArrayLike<number>, maxShift: number, random: Prng): Float32Array {
  const result = new Float32Array(order.length * PIXELS);
  const choices = 2 * maxShift + 1;
  for (let i = 0; i < order.length; i++) {
    const dx = (random.nextUint32() % choices) - maxShift;
    const dy = (random.nextUint32() % choices) - maxShift;
    shiftImage(images, order[i] as number, result, i, dx, dy);
  }
  return result;
}
