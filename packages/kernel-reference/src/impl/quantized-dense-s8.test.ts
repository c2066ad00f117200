import { QTensor, ShapeError, randomNormal, zeros } from '@qaxon/tensor';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { quantizedDenseS8 } from './quantized-dense-s8.js';

describe('quantizedDenseS8', () => {
  it('computes the hand-worked example of the issue: [[4.5, 0.5]]', () => {
    // y = [[1 + 0.5 * (1*1 + 2*3), -1 + 0.25 * (1*-2 + 2*4)]]
    const y = quantizedDenseS8(new Float32Array([1, 2]), 1, 2, new Int8Array([1, -2, 3, 4]), new Float32Array([0.5, 0.25]), undefined, 2, new Float32Array([1, -1]));
    expect([...y]).toEqual([4.5, 0.5]);
  });

  it('applies the scale after the sum and subtracts zero points in it', () => {
    // values - zeroPoints = [[127 - 2, -128 + 3], [0 - 2, 5 + 3]] = [[125, -125], [-2, 8]]
    const y = quantizedDenseS8(new Float32Array([2, 1]), 1, 2, new Int8Array([127, -128, 0, 5]), new Float32Array([0.5, 2]), new Int8Array([2, -3]), 2, 0.25);
    expect([...y]).toEqual([0.5 * (250 - 2) + 0.25, 2 * (-250 + 8) + 0.25]);
  });

  it('keeps an all-zero column at exactly the bias, even with epsilon scales', () => {
    const q = QTensor.fromTensor(zeros([3, 2]));
    expect([...q.scale.data]).toEqual([2 ** -23, 2 ** -23]);
    const y = quantizedDenseS8(new Float32Array([1e4, -3, 7]), 1, 3, q.value.data, q.scale.data, q.zeroPoint.data, 2, new Float32Array([0.125, -2]));
    expect([...y]).toEqual([0.125, -2]);
  });

  it('refuses scales or zero points of the wrong length', () => {
    expect(() => quantizedDenseS8(new Float32Array(2), 1, 2, new Int8Array(4), new Float32Array(3), undefined, 2, undefined)).toThrow(
      new ShapeError('quantizedDenseS8: expected scales to hold 2 elements, got 3'),
    );
    expect(() => quantizedDenseS8(new Float32Array(2), 1, 2, new Int8Array(4), new Float32Array(2), new Int8Array(1), 2, undefined)).toThrow(/zeroPoints to hold 2/);
    expect(() => quantizedDenseS8(new Float32Array(2), 1, 2, new Int8Array(3), new Float32Array(2), undefined, 2, undefined)).toThrow(/values to hold 4/);
  });

  it('rounds three times as Axon does: the float64 dot, then times the scale, then plus the bias', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 64 }),
        fc.integer({ min: 1, max: 6 }),
        fc.integer(),
        (inner, units, seed) => {
          const x = randomNormal([inner], { seed }).data;
          const values = Int8Array.from(randomNormal([inner * units], { seed: seed + 1, stddev: 60 }).data, (v) => Math.max(-128, Math.min(127, Math.round(v))));
          const scales = Float32Array.from(randomNormal([units], { seed: seed + 2 }).data, Math.abs);
          const bias = randomNormal([units], { seed: seed + 3 }).data;
          const y = quantizedDenseS8(x, 1, inner, values, scales, undefined, units, bias);
          for (let n = 0; n < units; n++) {
            let sum = 0;
            for (let k = 0; k < inner; k++) sum += x[k]! * values[k * units + n]!;
            const scaled = Math.fround(Math.fround(sum) * scales[n]!);
            expect(y[n]).toBe(Math.fround(scaled + bias[n]!));
          }
        },
      ),
      { seed: 7, numRuns: 100 },
    );
  });

  it('is not the float64 result rounded once: the dot is rounded before the scale', () => {
    // Σ = 1 + 2^-24 rounds to 1 (a tie, to even); times 3 is 3. Rounded once: f32(3 + 3 * 2^-24) = 3 + 2^-22.
    const y = quantizedDenseS8(new Float32Array([1, 2 ** -24]), 1, 2, new Int8Array([1, 1]), new Float32Array([3]), undefined, 1, undefined);
    expect(y[0]).toBe(3);
  });

  it("gives Axon 0.8.1's probe: x = [2^24, 1, -2^24] on a column of 127s sums to 127 in float64", () => {
    // shared/fixtures/axon-0.8.1, case 2_dot_accumulation_probe: a float32 accumulator would give 128.
    const scale = new Float32Array([Math.fround(1 / 127.5)]);
    const y = quantizedDenseS8(new Float32Array([2 ** 24, 1, -(2 ** 24)]), 1, 3, new Int8Array([127, 127, 127]), scale, undefined, 1, undefined);
    expect(new Uint32Array(y.buffer)[0]!.toString(16)).toBe('3f7eff00');
  });
});
