import { DTypeError, ShapeError, randomNormal, tensor } from '@qaxon/tensor';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ACTIVATION_NAMES, applyActivation, erf, geluMath, leakyReluMath, reluMath, sigmoidMath, siluMath, softmaxMath, tanhMath } from '../index.js';

const values = (t: { data: ArrayLike<number> }) => Array.from(t.data);

describe('activation maths (float32 over typed arrays)', () => {
  it('relu zeroes negatives and keeps NaN visible', () => {
    expect(values(reluMath(tensor([-2, -0.5, 0, 0.5, 3])))).toEqual([0, 0, 0, 0.5, 3]);
    expect(Number.isNaN(reluMath(tensor([Number.NaN])).data[0]!)).toBe(true);
  });

  it('leakyRelu keeps a slope alpha for negatives (default 0.01)', () => {
    expect(values(leakyReluMath(tensor([-2, 4]), 0.5))).toEqual([-1, 4]);
    expect(values(leakyReluMath(tensor([-100])))).toEqual([Math.fround(-1)]);
  });

  it('sigmoid is stable for large magnitudes and symmetric', () => {
    const y = values(sigmoidMath(tensor([-1000, -1, 0, 1, 1000])));
    expect(y[0]).toBe(0);
    expect(y[2]).toBe(0.5);
    expect(y[4]).toBe(1);
    expect(y[1]! + y[3]!).toBeCloseTo(1, 6);
    expect(y[3]).toBeCloseTo(0.7310585786, 6);
  });

  it('tanh and silu match their definitions', () => {
    expect(values(tanhMath(tensor([0, 1, -50])))).toEqual([0, Math.fround(Math.tanh(1)), -1]);
    expect(values(siluMath(tensor([0, 2])))[1]).toBeCloseTo(2 / (1 + Math.exp(-2)), 6);
  });

  it('erf matches reference values to ~1e-7', () => {
    const reference: [number, number][] = [
      [0, 0],
      [0.1, 0.1124629160182849],
      [0.5, 0.5204998778130465],
      [1, 0.8427007929497149],
      [2, 0.9953222650189527],
      [3, 0.9999779095030014],
      [-1, -0.8427007929497149],
    ];
    for (const [x, expected] of reference) expect(Math.abs(erf(x) - expected)).toBeLessThan(2e-7);
  });

  it('gelu is the exact erf form x·Φ(x)', () => {
    const y = values(geluMath(tensor([-3, -1, 0, 1, 3])));
    const expected = [-0.0040496965154605, -0.15865525393145707, 0, 0.8413447460685429, 2.99595030348454];
    y.forEach((v, i) => expect(Math.abs(v - expected[i]!)).toBeLessThan(3e-7));
  });

  it('softmax runs along the last axis, rows sum to 1, and is stable for huge logits', () => {
    const y = softmaxMath(tensor([[1, 2, 3], [1000, 1000, 1000]]));
    expect(y.shape).toEqual([2, 3]);
    const rows = y.toArray() as number[][];
    expect(rows[0]![0]).toBeCloseTo(0.09003057, 6);
    expect(rows[1]).toEqual([1 / 3, 1 / 3, 1 / 3].map(Math.fround));
    expect(() => softmaxMath(tensor(3))).toThrow(ShapeError);
  });

  it('softmax rows always sum to 1 within float32 precision (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 20 }), fc.integer({ min: 0, max: 1000 }), fc.double({ min: 0.1, max: 100, noNaN: true }), (width, seed, scale) => {
        const x = randomNormal([3, width], { seed, stddev: scale });
        const y = softmaxMath(x).data;
        for (let row = 0; row < 3; row++) {
          let total = 0;
          for (let i = 0; i < width; i++) {
            expect(y[row * width + i]!).toBeGreaterThanOrEqual(0);
            total += y[row * width + i]!;
          }
          expect(Math.abs(total - 1)).toBeLessThan(1e-5);
        }
      }),
      { numRuns: 50 },
    );
  });

  it('applyActivation dispatches every name and refuses non-f32 input', () => {
    for (const name of ACTIVATION_NAMES) expect(applyActivation(name, tensor([[0.5, -0.5]])).shape).toEqual([1, 2]);
    expect(() => applyActivation('relu', tensor([1], { dtype: 's8' }))).toThrow(DTypeError);
    expect(() => applyActivation('leakyRelu', tensor([1]), { alpha: Number.NaN })).toThrow(/finite alpha/);
  });
});
