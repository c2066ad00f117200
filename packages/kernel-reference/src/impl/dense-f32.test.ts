import { ShapeError, ValueError } from '@qaxon/tensor';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { denseF32 } from './dense-f32.js';
import { quantizedDenseS8 } from './quantized-dense-s8.js';

describe('denseF32', () => {
  it('computes a hand-worked example with each bias form', () => {
    const x = new Float32Array([1, 2, -1, 0.5]); // [[1, 2], [-1, 0.5]]
    const w = new Float32Array([1, -2, 3, 4]); // [[1, -2], [3, 4]]
    expect([...denseF32(x, 2, 2, w, 2, new Float32Array([0.5, -0.5]))]).toEqual([7.5, 5.5, 1, 3.5]);
    expect([...denseF32(x, 2, 2, w, 2, 1)]).toEqual([8, 7, 1.5, 5]);
    expect([...denseF32(x, 2, 2, w, 2, undefined)]).toEqual([7, 6, 0.5, 4]);
  });

  it('writes into a given out array and returns it', () => {
    const out = new Float32Array(1).fill(99);
    expect(denseF32(new Float32Array([2]), 1, 1, new Float32Array([3]), 1, undefined, out)).toBe(out);
    expect(out[0]).toBe(6);
  });

  it('rounds once: the float64 sum of float32 products, not a float32 running sum', () => {
    // 1 + 2^-24 + 2^-24: float32 running sums lose both halves; float64 keeps them and rounds to 1 + 2^-23.
    const x = new Float32Array([1, 1, 1]);
    const w = new Float32Array([1, 2 ** -24, 2 ** -24]);
    expect(denseF32(x, 1, 3, w, 1, undefined)[0]).toBe(1 + 2 ** -23);
  });

  it('refuses buffers that do not match the sizes, and bad biases', () => {
    expect(() => denseF32(new Float32Array(5), 2, 3, new Float32Array(6), 2, undefined)).toThrow(
      new ShapeError('denseF32: expected x to hold 6 elements, got 5'),
    );
    expect(() => denseF32(new Float32Array(6), 2, 3, new Float32Array(7), 2, undefined)).toThrow(/kernel to hold 6 elements, got 7/);
    expect(() => denseF32(new Float32Array(6), 2, 3, new Float32Array(6), 2, new Float32Array(3))).toThrow(/bias to hold 2 elements, got 3/);
    expect(() => denseF32(new Float32Array(6), 2, 3, new Float32Array(6), 2, undefined, new Float32Array(3))).toThrow(/out to hold 4/);
    expect(() => denseF32(new Float32Array(6), 2, 3, new Float32Array(6), 2, Number.NaN)).toThrow(ValueError);
    expect(() => denseF32(new Float32Array(6), 2.5, 3, new Float32Array(6), 2, undefined)).toThrow(/rows to be a non-negative integer, got 2.5/);
  });

  it('equals quantizedDenseS8 with unit scales on integer inputs (both exact there), zero points included', () => {
    const sizes = fc.record({ rows: fc.integer({ min: 0, max: 4 }), inner: fc.integer({ min: 0, max: 9 }), units: fc.integer({ min: 0, max: 5 }) });
    const property = fc.property(
      sizes.chain(({ rows, inner, units }) =>
        fc.record({
          rows: fc.constant(rows),
          inner: fc.constant(inner),
          units: fc.constant(units),
          x: fc.array(fc.integer({ min: -1000, max: 1000 }), { minLength: rows * inner, maxLength: rows * inner }),
          values: fc.array(fc.integer({ min: -128, max: 127 }), { minLength: inner * units, maxLength: inner * units }),
          zeroPoints: fc.array(fc.integer({ min: -128, max: 127 }), { minLength: units, maxLength: units }),
          bias: fc.integer({ min: -50, max: 50 }),
        }),
      ),
      ({ rows, inner, units, x, values, zeroPoints, bias }) => {
        const xs = Float32Array.from(x);
        const floatKernel = Float32Array.from(values, (v, i) => v - zeroPoints[i % units]!);
        const quantized = quantizedDenseS8(xs, rows, inner, Int8Array.from(values), new Float32Array(units).fill(1), Int8Array.from(zeroPoints), units, bias);
        expect([...quantized]).toEqual([...denseF32(xs, rows, inner, floatKernel, units, bias)]);
      },
    );
    fc.assert(property, { seed: 42, numRuns: 200 });
  });
});
