import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { areaResample } from './area-resample.js';

describe('areaResample', () => {
  it('keeps an image of the same size as it is', () => {
    const pixels = Float32Array.from([0.1, 0.2, 0.3, 0.4, 0.5, 0.6]);
    expect(Array.from(areaResample(pixels, 3, 2, 3, 2))).toEqual(Array.from(pixels));
  });

  it('averages the area each destination pixel covers, partial pixels by their overlap', () => {
    expect(Array.from(areaResample(Float32Array.from([1, 0, 0, 1]), 2, 2, 1, 1))).toEqual([0.5]);
    // 3 -> 2 columns: the middle source pixel is shared half and half.
    const out = areaResample(Float32Array.from([0, 1, 0]), 3, 1, 2, 1);
    expect(out[0]).toBeCloseTo(1 / 3, 6);
    expect(out[1]).toBeCloseTo(1 / 3, 6);
  });

  it('preserves the mean grey level (ink is neither made nor lost)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer(),
        (width, height, newWidth, newHeight, seed) => {
          let state = seed >>> 0;
          const pixels = Float32Array.from({ length: width * height }, () => ((state = (state * 1664525 + 1013904223) >>> 0) % 1000) / 1000);
          const mean = (values: Float32Array) => values.reduce((sum, value) => sum + value, 0) / values.length;
          expect(mean(areaResample(pixels, width, height, newWidth, newHeight))).toBeCloseTo(mean(pixels), 4);
        },
      ),
      { seed: 8, numRuns: 200 },
    );
  });

  it('refuses sizes that do not match the pixels, naming what it expected', () => {
    expect(() => areaResample(new Float32Array(5), 2, 2, 1, 1)).toThrow('expected 2 * 2 = 4 pixels, got 5');
    expect(() => areaResample(new Float32Array(4), 2, 2, 0, 1)).toThrow('expected newWidth to be an integer >= 1, got 0');
  });
});
