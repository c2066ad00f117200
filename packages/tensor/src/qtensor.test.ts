import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DTypeError,
  FLOAT32_EPSILON,
  QTensor,
  QUANTIZED_TYPES,
  ShapeError,
  Tensor,
  ValueError,
  perChannelInt8Scales,
  quantizeInt8WithScales,
  randomNormal,
  roundHalfAwayFromZero,
  tensor,
  zeros,
} from './index.js';

describe('QTensor.fromTensor: the spec\'s hand-worked cases', () => {
  it('column [-2, 1, 0, -1.5]: scale f32(2/127.5), -2 maps to -127 (not -128)', () => {
    const q = QTensor.fromTensor(tensor([[-2], [1], [0], [-1.5]]));
    const scale = Math.fround(2 / 127.5);
    expect(q.scale.data[0]).toBe(scale);
    // f32(1/scale) * -2 is just above -127.5, so it rounds to -127.
    const inverse = Math.fround(1 / scale);
    expect(Math.fround(-2 * inverse)).toBeGreaterThan(-127.5);
    expect([...q.value.data]).toEqual([-127, 64, 0, -96]);
    expect([...q.zeroPoint.data]).toEqual([0]);
  });

  it('uses one scale per output column and keeps zero representable', () => {
    // columns: [1, 2] (all positive), [-4, 0] (all non-positive)
    const q = QTensor.fromTensor(tensor([[1, -4], [2, 0]]));
    expect([...q.scale.data]).toEqual([Math.fround(2 / 127.5), Math.fround(4 / 127.5)]);
    expect(q.value.toArray()).toEqual([[64, -127], [127, 0]]);
  });

  it('gives an all-zero kernel eps scales and zero values (never NaN)', () => {
    const q = QTensor.fromTensor(zeros([3, 2]));
    expect([...q.scale.data]).toEqual([FLOAT32_EPSILON, FLOAT32_EPSILON]);
    expect([...q.value.data]).toEqual([0, 0, 0, 0, 0, 0]);
    expect(q.dequantize().data.every((v) => v === 0)).toBe(true);
  });

  it('clips a tiny column\'s scale up to eps while other columns keep theirs', () => {
    const q = QTensor.fromTensor(tensor([[1e-9, 1], [0, -1]]));
    expect(q.scale.data[0]).toBe(FLOAT32_EPSILON);
    expect(q.value.data[0]).toBe(Math.round(1e-9 / FLOAT32_EPSILON));
  });

  it("clips as Nx does, upper bound last: when every column is below eps, all get the largest scale", () => {
    // Column scales 2^-30 and 2^-32 (amax = 127.5 * 2^-30 and 127.5 * 2^-32), both below eps:
    // max(s, eps) = eps, then min(eps, largest = 2^-30) = 2^-30 for both, so tiny weights keep
    // int8 values (Axon 0.8.1 computes this; clipping to eps would round them all to 0).
    const q = QTensor.fromTensor(tensor([
      [127.5 * 2 ** -30, 127.5 * 2 ** -32],
      [-64 * 2 ** -30, -(2 ** -32)],
      [2 ** -31, 3 * 2 ** -33],
    ]));
    expect([...q.scale.data]).toEqual([2 ** -30, 2 ** -30]);
    // 127.5 -> 128 -> clipped 127; 0.5 -> 1 (half away); 31.875 -> 32; -0.25 -> 0; 0.375 -> 0.
    expect(q.value.toArray()).toEqual([[127, 32], [-64, 0], [1, 0]]);
  });

  it('clips tiny columns up to eps when another column reaches eps, with their values at that scale', () => {
    const q = QTensor.fromTensor(tensor([[3 * 2 ** -24, 1, 2 ** -30], [-(2 ** -25), -0.5, 0]]));
    expect([...q.scale.data]).toEqual([FLOAT32_EPSILON, Math.fround(1 / 127.5), FLOAT32_EPSILON]);
    // 3 * 2^-24 / 2^-23 = 1.5 -> 2; -2^-25 / 2^-23 = -0.25 -> 0; 2^-30 / 2^-23 -> 0.
    expect(q.value.toArray()).toEqual([[2, 127, 0], [0, -64, 0]]);
  });

  it('gives eps and zeros where every scale underflows to 0 (Axon divides by zero there)', () => {
    const q = QTensor.fromTensor(tensor([[1e-45, -1e-45]]));
    expect([...q.scale.data]).toEqual([FLOAT32_EPSILON, FLOAT32_EPSILON]);
    expect([...q.value.data]).toEqual([0, 0]);
  });

  it('divides where the float32 reciprocal of a tiny scale overflows, so values stay finite and right', () => {
    // scale = f32(1e-38 / 127.5) is subnormal; f32(1 / scale) is Infinity.
    const q = QTensor.fromTensor(tensor([[1e-38], [-5e-39], [2e-39]]));
    const scale = q.scale.data[0]!;
    expect(Math.fround(1 / scale)).toBe(Infinity);
    expect([...q.value.data]).toEqual([127, -64, 26]);
    q.dequantize().data.forEach((v, i) => expect(Math.abs(v - [1e-38, -5e-39, 2e-39][i]!)).toBeLessThanOrEqual(scale));
  });

  it('keeps -128 * scale finite for weights near -FLT_MAX: such columns use [-127, 127]', () => {
    const max = 3.4028234663852886e38;
    // Axon rounds f32(-FLT_MAX * f32(1 / scale)) = -127.5 to -128, and -128 * scale is -Infinity.
    const q = QTensor.fromTensor(tensor([[-max, 1], [max / 2, -1]]));
    expect(q.value.toArray()).toEqual([[-127, 127], [64, -127]]);
    expect(q.dequantize().data.every(Number.isFinite)).toBe(true);
    expect(Math.abs(q.dequantize().data[0]! + max) / max).toBeLessThan(0.01);
    // A column of ordinary weights still reaches -128 at a tie.
    expect([...QTensor.fromTensor(tensor([[-127.5], [127]])).value.data]).toEqual([-128, 127]);
  });

  it('rounds ties away from zero, unlike Math.round', () => {
    expect(roundHalfAwayFromZero(-2.5)).toBe(-3);
    expect(roundHalfAwayFromZero(2.5)).toBe(3);
    expect(roundHalfAwayFromZero(-2.4)).toBe(-2);
    expect(Math.round(-2.5)).toBe(-2);
    // A column with amax 127.5 has scale exactly 1; 2.5 and -2.5 are exact ties.
    const q = QTensor.fromTensor(tensor([[127.5], [2.5], [-2.5], [-0.5]]));
    expect(q.scale.data[0]).toBe(1);
    expect([...q.value.data]).toEqual([127, 3, -3, -1]);
  });

  it('matches the exported building blocks', () => {
    const w = randomNormal([16, 5], { seed: 9 });
    const scales = perChannelInt8Scales(w.data, 16, 5);
    const q = QTensor.fromTensor(w);
    expect(q.scale.data).toEqual(scales);
    expect(q.value.data).toEqual(quantizeInt8WithScales(w.data, 16, 5, scales));
  });

  it('accepts Axon\'s {type: "s8"} spelling and counts bytes by parts', () => {
    const q = QTensor.fromTensor(randomNormal([784, 128], { seed: 1 }), { type: { type: 's8' } });
    expect(q.byteSize).toBe(784 * 128 + 4 * 128 + 128);
    expect(q.shape).toEqual([784, 128]);
    expect(String(q)).toBe('QTensor<s8>[784, 128]');
    expect(QTensor.isQTensor(q)).toBe(true);
    expect(QTensor.isQTensor(tensor([1]))).toBe(false);
    expect(QUANTIZED_TYPES).toEqual(['s8', 's4']);
  });
});

describe('QTensor.fromTensor refuses bad input clearly', () => {
  it('names the dtype, rank, first bad index and supported types', () => {
    expect(() => QTensor.fromTensor(tensor([[1]], { dtype: 's8' }), { name: 'dense_0.kernel' })).toThrow(
      "QTensor.fromTensor (dense_0.kernel): expected a float32 ('f32') kernel, got dtype 's8'",
    );
    expect(() => QTensor.fromTensor(tensor([1, 2]))).toThrow('expected a rank-2 kernel [in, units], got shape [2] (rank 1)');
    expect(() => QTensor.fromTensor(tensor([[1, 2], [3, NaN]]), { name: 'dense_1.kernel' })).toThrow(
      'QTensor.fromTensor (dense_1.kernel): expected finite weights, got NaN at index [1, 1]',
    );
    expect(() => QTensor.fromTensor(tensor([[Infinity]]))).toThrow(ValueError);
    expect(() => QTensor.fromTensor(tensor([[1]]), { type: 's2' as never })).toThrow(
      'QTensor.fromTensor: unsupported quantized type "s2"; supported types: s8, s4',
    );
    expect(() => QTensor.fromTensor([[1]] as never)).toThrow(ValueError);
  });

  it('checks parts given to the constructor', () => {
    const value = tensor([[1, 2]], { dtype: 's8' });
    expect(() => new QTensor(tensor([[1]]) as never, tensor([1]))).toThrow(DTypeError);
    expect(() => new QTensor(value, tensor([1]))).toThrow('QTensor: expected scale to be an f32 tensor of shape [2], got f32 [1]');
    expect(() => new QTensor(value, tensor([1, 1]), tensor([0], { dtype: 's8' }))).toThrow(ShapeError);
    expect(new QTensor(value, tensor([1, 1])).zeroPoint.data).toEqual(new Int8Array(2));
  });

  it.each([Number.NaN, -0.5, Infinity, -Infinity])('refuses a scale of %s given to the constructor, naming its index', (bad) => {
    const value = tensor([[1, 2, 3]], { dtype: 's8' });
    const scale = new Tensor(new Float32Array([0.5, 0.25, bad]), [3], 'f32');
    expect(() => new QTensor(value, scale)).toThrow(ValueError);
    expect(() => new QTensor(value, scale)).toThrow(`QTensor: expected every scale to be finite and >= 0, got ${bad} at scale index 2 (output column 2)`);
    expect(new QTensor(value, tensor([0, 0, 1e-30])).scale.data[0]).toBe(0); // zero and tiny scales are valid
  });
});

describe('QTensor.fromTensor properties', () => {
  const kernel = fc
    .tuple(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 6 }))
    .chain(([rows, columns]) =>
      fc.tuple(
        fc.constant([rows, columns] as const),
        fc.array(fc.float({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }), {
          minLength: rows * columns,
          maxLength: rows * columns,
        }),
      ),
    );

  it('values in [-128, 127], scale > 0, |dequantize - w| <= scale/2, each column\'s largest magnitude maps to +-127 or -128', () => {
    fc.assert(
      fc.property(kernel, ([[rows, columns], values]) => {
        const w = new Tensor(Float32Array.from(values), [rows, columns], 'f32');
        const q = QTensor.fromTensor(w);
        const back = q.dequantize();
        for (let n = 0; n < columns; n++) {
          const scale = q.scale.data[n]!;
          expect(scale).toBeGreaterThan(0);
          let largest = 0;
          let largestAt = -1;
          for (let k = 0; k < rows; k++) {
            const i = k * columns + n;
            const v = q.value.data[i]!;
            expect(v).toBeGreaterThanOrEqual(-128);
            expect(v).toBeLessThanOrEqual(127);
            const error = Math.abs(back.data[i]! - w.data[i]!);
            // Half a step, plus float32 rounding of the reciprocal, product and dequantized value.
            expect(error).toBeLessThanOrEqual(scale / 2 + Math.abs(w.data[i]!) * 2 ** -21 + 1e-30);
            if (Math.abs(w.data[i]!) > largest) {
              largest = Math.abs(w.data[i]!);
              largestAt = i;
            }
          }
          if (largest >= FLOAT32_EPSILON * 127.5) {
            expect([127, -127, -128]).toContain(q.value.data[largestAt]!);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
