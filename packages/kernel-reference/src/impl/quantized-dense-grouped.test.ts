import { Prng, ShapeError } from '@qaxon/tensor';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { quantizedDenseGrouped } from './quantized-dense-grouped.js';
import { quantizedDenseS8 } from './quantized-dense-s8.js';

function seeded(seed: number, inner: number, units: number, groups: number) {
  const prng = new Prng(seed);
  const x = Float32Array.from({ length: 3 * inner }, () => (prng.nextFloat() - 0.5) * 8);
  const values = Int8Array.from({ length: inner * units }, () => Math.floor(prng.nextFloat() * 256) - 128);
  const scales = Float32Array.from({ length: groups * units }, () => 0.001 + prng.nextFloat() * 0.05);
  const zeroPoints = Int8Array.from({ length: groups * units }, () => Math.floor(prng.nextFloat() * 41) - 20);
  const bias = Float32Array.from({ length: units }, () => prng.nextFloat() - 0.5);
  return { x, values, scales, zeroPoints, bias };
}

describe('quantizedDenseGrouped', () => {
  it('sums each group, applies its scale, then adds the groups and the bias', () => {
    // groups of 2: 0.5 * (1*1 + 2*1) + 0.25 * (3*2 + 4*2) = 1.5 + 3.5
    const y = quantizedDenseGrouped(new Float32Array([1, 2, 3, 4]), 1, 4, new Int8Array([1, 1, 2, 2]), new Float32Array([0.5, 0.25]), undefined, 1, 2, 0.5);
    expect([...y]).toEqual([5.5]);
    // zero points per group: (1 - 1) and (2 - (-1)) = 3
    const z = quantizedDenseGrouped(new Float32Array([1, 2, 3, 4]), 1, 4, new Int8Array([1, 1, 2, 2]), new Float32Array([0.5, 0.25]), new Int8Array([1, -1]), 1, 2, undefined);
    expect([...z]).toEqual([0.25 * (3 * 3 + 4 * 3)]);
  });

  it('with one group (groupSize = inner) is quantizedDenseS8 bit for bit', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 5 }), fc.integer(), fc.boolean(), (inner, units, seed, withZeros) => {
        const { x, values, scales, zeroPoints, bias } = seeded(seed, inner, units, 1);
        const zeros = withZeros ? zeroPoints : undefined;
        const grouped = quantizedDenseGrouped(x, 3, inner, values, scales, zeros, units, inner, bias);
        expect(grouped).toEqual(quantizedDenseS8(x, 3, inner, values, scales, zeros, units, bias));
      }),
      { numRuns: 200 },
    );
  });

  it('follows the documented rounding order exactly', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 4 }), fc.integer(), (groups, groupSize, units, seed) => {
        const inner = groups * groupSize;
        const { x, values, scales, zeroPoints, bias } = seeded(seed, inner, units, groups);
        const y = quantizedDenseGrouped(x, 3, inner, values, scales, zeroPoints, units, groupSize, bias);
        for (let m = 0; m < 3; m++) {
          for (let n = 0; n < units; n++) {
            let acc = 0;
            for (let g = 0; g < groups; g++) {
              let d = 0;
              for (let k = g * groupSize; k < (g + 1) * groupSize; k++) d += x[m * inner + k]! * (values[k * units + n]! - zeroPoints[g * units + n]!);
              acc += Math.fround(scales[g * units + n]! * Math.fround(d));
            }
            expect(y[m * units + n]).toBe(Math.fround(Math.fround(acc) + bias[n]!));
          }
        }
      }),
      { numRuns: 100 },
    );
  });

  it('refuses a group size that does not divide inner, and buffers of the wrong length', () => {
    expect(() => quantizedDenseGrouped(new Float32Array(6), 1, 6, new Int8Array(6), new Float32Array(2), undefined, 1, 4, undefined)).toThrow(
      new ShapeError('quantizedDenseGrouped: expected groupSize to be a positive divisor of inner = 6, got 4'),
    );
    expect(() => quantizedDenseGrouped(new Float32Array(6), 1, 6, new Int8Array(6), new Float32Array(2), undefined, 1, 2, undefined)).toThrow(
      new ShapeError('quantizedDenseGrouped: expected scales to hold 3 elements, got 2'),
    );
    expect(() => quantizedDenseGrouped(new Float32Array(6), 1, 6, new Int8Array(6), new Float32Array(3), new Int8Array(1), 1, 2, undefined)).toThrow(/zeroPoints to hold 3/);
  });
});
