import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MNIST_PIXELS, MNIST_SIDE } from '../model/mnist-model.js';
import { centerOfMass, inkBoundingBox, MNIST_DIGIT_BOX, preprocessInk, type InkImage } from './mnist-preprocess.js';

const PAD = 140;

/** A pad with a filled rectangle of ink (and, optionally, a second one). */
function padWith(rectangles: readonly [left: number, top: number, width: number, height: number][]): InkImage {
  const ink = new Float32Array(PAD * PAD);
  for (const [left, top, width, height] of rectangles) {
    for (let y = top; y < top + height; y++) ink.fill(1, y * PAD + left, y * PAD + left + width);
  }
  return { width: PAD, height: PAD, ink };
}

function box(pixels: Float32Array) {
  const found = inkBoundingBox({ width: MNIST_SIDE, height: MNIST_SIDE, ink: pixels });
  if (found === undefined) throw new Error('expected ink in the 28 x 28 image');
  return { width: found.right - found.left + 1, height: found.bottom - found.top + 1 };
}

describe('preprocessInk', () => {
  it('gives all zeros for a pad without ink', () => {
    const pixels = preprocessInk({ width: PAD, height: PAD, ink: new Float32Array(PAD * PAD) });
    expect(pixels.length).toBe(MNIST_PIXELS);
    expect(pixels.every((value) => value === 0)).toBe(true);
  });

  it('fits the ink into the 20-pixel box, aspect ratio kept, grey levels in [0, 1] with a peak of 1', () => {
    const pixels = preprocessInk(padWith([[30, 10, 20, 100]])); // tall: 20 x 100
    const { width, height } = box(pixels);
    expect(height).toBe(MNIST_DIGIT_BOX);
    expect(width).toBe(4); // 20 * 20 / 100
    expect(Math.max(...pixels)).toBe(1);
    expect(pixels.every((value) => value >= 0 && value <= 1)).toBe(true);
  });

  it('puts the center of mass at the center of the image, to within half a pixel', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: 4, max: 70 }),
        fc.integer({ min: 4, max: 70 }),
        fc.integer({ min: 4, max: 40 }),
        (left, top, width, height, barLength) => {
          // An L shape, so the center of mass is not the center of the box.
          const pixels = preprocessInk(padWith([[left, top, 3, height], [left, top + height - 3, Math.max(3, Math.min(width, barLength)), 3]]));
          const [x, y] = centerOfMass(pixels, MNIST_SIDE, MNIST_SIDE);
          expect(Math.abs(x - MNIST_SIDE / 2)).toBeLessThanOrEqual(0.5 + 1e-9);
          expect(Math.abs(y - MNIST_SIDE / 2)).toBeLessThanOrEqual(0.5 + 1e-9);
        },
      ),
      { seed: 28, numRuns: 100 },
    );
  });

  it('does not depend on where on the pad the digit was drawn', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 80 }), fc.integer({ min: 0, max: 80 }), (dx, dy) => {
        const here = preprocessInk(padWith([[5, 5, 10, 50], [5, 40, 40, 8]]));
        const there = preprocessInk(padWith([[5 + dx, 5 + dy, 10, 50], [5 + dx, 40 + dy, 40, 8]]));
        expect(Array.from(there)).toEqual(Array.from(here));
      }),
      { seed: 3, numRuns: 40 },
    );
  });

  it('refuses ink whose length does not match the size', () => {
    expect(() => preprocessInk({ width: 10, height: 10, ink: new Float32Array(99) })).toThrow('expected 10 * 10 = 100 ink values, got 99');
    expect(() => preprocessInk({ width: 0, height: 10, ink: new Float32Array(0) })).toThrow('expected a positive integer width and height, got 0 x 10');
  });
});

describe('centerOfMass and inkBoundingBox', () => {
  it('measure to pixel centers and find the inked rectangle', () => {
    expect(centerOfMass(Float32Array.from([0, 1]), 2, 1)).toEqual([1.5, 0.5]);
    expect(centerOfMass(new Float32Array(4), 2, 2)).toEqual([1, 1]);
    const ink = new Float32Array(12);
    ink[5] = 0.5;
    ink[10] = 1;
    expect(inkBoundingBox({ width: 4, height: 3, ink })).toEqual({ left: 1, top: 1, right: 2, bottom: 2 });
    expect(inkBoundingBox({ width: 4, height: 3, ink: new Float32Array(12) })).toBeUndefined();
  });
});
