import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Prng } from '@qaxon/tensor';
import { shiftImage, shiftedImages } from './augment.js';
import { IMAGE_SIDE, PIXELS } from './data.js';

describe('shiftImage', () => {
  it('moves every pixel by (dx, dy) and drops the ones pushed out', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 27 }), fc.integer({ min: 0, max: 27 }), fc.integer({ min: -3, max: 3 }), fc.integer({ min: -3, max: 3 }), (x, y, dx, dy) => {
        const image = new Float32Array(PIXELS);
        image[y * IMAGE_SIDE + x] = 1;
        const moved = new Float32Array(PIXELS).fill(7);
        shiftImage(image, 0, moved, 0, dx, dy);
        const inside = x + dx >= 0 && x + dx < IMAGE_SIDE && y + dy >= 0 && y + dy < IMAGE_SIDE;
        expect(moved.reduce((sum, value) => sum + value, 0)).toBe(inside ? 1 : 0);
        if (inside) expect(moved[(y + dy) * IMAGE_SIDE + x + dx]).toBe(1);
      }),
    );
  });

  it('copies the image unchanged for a zero shift, between image slots', () => {
    const source = Float32Array.from({ length: 2 * PIXELS }, (_, i) => (i % 97) / 97);
    const target = new Float32Array(3 * PIXELS);
    shiftImage(source, 1, target, 2, 0, 0);
    expect(target.subarray(2 * PIXELS)).toEqual(source.subarray(PIXELS));
    expect(target.subarray(0, 2 * PIXELS).every((value) => value === 0)).toBe(true);
  });
});

describe('shiftedImages', () => {
  it('follows the given order and is repeatable for a seed', () => {
    const images = Float32Array.from({ length: 2 * PIXELS }, (_, i) => (i < PIXELS ? 0 : 1));
    const unshifted = shiftedImages(images, [1, 0], 0, new Prng(1));
    expect(unshifted.subarray(0, PIXELS).every((value) => value === 1)).toBe(true);
    expect(unshifted.subarray(PIXELS).every((value) => value === 0)).toBe(true);
    expect(shiftedImages(images, [1, 1, 0], 2, new Prng(5))).toEqual(shiftedImages(images, [1, 1, 0], 2, new Prng(5)));
  });
});
