import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DTypeError, ValueError, asType, tensor } from './index.js';

describe('asType', () => {
  it('truncates toward zero and saturates to the integer range', () => {
    expect(asType(tensor([1.9, -1.9, 300, -300, 127.5, -128.5]), 's8').toArray()).toEqual([1, -1, 127, -128, 127, -128]);
    expect(asType(tensor([1e10, -1e10, Infinity, -Infinity]), 's32').toArray()).toEqual([2147483647, -2147483648, 2147483647, -2147483648]);
    expect(asType(tensor([1000, -1000], { dtype: 's32' }), 's8').toArray()).toEqual([127, -128]);
  });

  it('widens exactly and always copies', () => {
    const s8 = tensor(new Int8Array([-128, 127]));
    const f = asType(s8, 'f32');
    expect(f.data).toEqual(new Float32Array([-128, 127]));
    const copy = asType(f, 'f32');
    expect(copy.data).not.toBe(f.data);
  });

  it('refuses NaN and unknown dtypes', () => {
    expect(() => asType(tensor([0, NaN]), 's8')).toThrow("asType: cannot convert NaN at flat index 1 to 's8'");
    expect(() => asType(tensor([0]), 'u8' as never)).toThrow(DTypeError);
    expect(() => asType(tensor([NaN]), 's32')).toThrow(ValueError);
  });

  it('saturates: every result is the clamp of the truncated value (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ noNaN: true, min: -1e12, max: 1e12 }), { minLength: 1, maxLength: 50 }), (values) => {
        const out = asType(tensor(values), 's8');
        const input = tensor(values).data;
        out.data.forEach((q, i) => {
          const expected = Math.min(127, Math.max(-128, Math.trunc(input[i]!))) + 0; // + 0: int8 has no -0
          expect(q).toBe(expected);
        });
      }),
    );
  });
});
