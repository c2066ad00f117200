import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { median, relativeSpread } from './median.js';
import { fastest, ratio, speedup } from './ratios.js';

describe('median', () => {
  it('takes the middle value, or the mean of the two middle values', () => {
    expect(median([5])).toBe(5);
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('does not modify its input', () => {
    const samples = [3, 1, 2];
    median(samples);
    expect(samples).toEqual([3, 1, 2]);
  });

  it('refuses empty or non-finite samples, saying where', () => {
    expect(() => median([])).toThrow(/at least one sample, got none/);
    expect(() => median([1, NaN])).toThrow(/finite samples, got NaN at index 1/);
  });

  it('lies between the smallest and largest sample and ignores order (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 30 }), (samples) => {
        const value = median(samples);
        expect(value).toBeGreaterThanOrEqual(Math.min(...samples));
        expect(value).toBeLessThanOrEqual(Math.max(...samples));
        expect(median([...samples].reverse())).toBe(value);
      }),
      { seed: 11 },
    );
  });

  it('relativeSpread is the median absolute deviation over the median', () => {
    expect(relativeSpread([10, 11, 9])).toBeCloseTo(0.1, 12);
    expect(relativeSpread([7, 7, 7])).toBe(0);
  });
});

describe('ratios', () => {
  it('speedup is baseline over candidate; ratio is candidate over baseline', () => {
    expect(speedup(10, 5)).toBe(2);
    expect(ratio(4, 1)).toBe(0.25);
    expect(ratio(4, 0)).toBe(0);
  });

  it('refuses zero, negative or non-finite times', () => {
    expect(() => speedup(0, 1)).toThrow(/baselineTime > 0, got 0/);
    expect(() => speedup(1, NaN)).toThrow(/candidateTime > 0, got NaN/);
    expect(() => ratio(-1, 1)).toThrow(/baseline > 0, got -1/);
  });

  it('speedup(a, b) * speedup(b, a) === 1 (property)', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-3, max: 1e6, noNaN: true }), fc.double({ min: 1e-3, max: 1e6, noNaN: true }), (a, b) => {
        expect(speedup(a, b) * speedup(b, a)).toBeCloseTo(1, 12);
      }),
      { seed: 12 },
    );
  });

  it('fastest picks the smallest value among the included entries', () => {
    const rows = [
      { name: 'a', ms: 3, peer: true },
      { name: 'b', ms: 1, peer: false },
      { name: 'c', ms: 2, peer: true },
      { name: 'd', ms: undefined, peer: true },
    ];
    expect(fastest(rows, (row) => row.ms)?.name).toBe('b');
    expect(fastest(rows, (row) => row.ms, (row) => row.peer)?.name).toBe('c');
    expect(fastest([], () => 1)).toBeUndefined();
  });
});
