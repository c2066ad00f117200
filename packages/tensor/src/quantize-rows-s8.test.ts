import { describe, expect, it } from 'vitest';
import { ShapeError, ValueError } from './errors.js';
import { quantizeRowsS8 } from './quantize-rows-s8.js';

describe('quantizeRowsS8', () => {
  it('scales each row by its largest |x| to ±127, ties to even', () => {
    const { values, rowScales } = quantizeRowsS8(new Float32Array([127, 0.5, 1.5, -2.5, -127]), 1, 5);
    expect([...values]).toEqual([127, 0, 2, -2, -127]);
    expect(rowScales[0]).toBe(1);
  });

  it('gives NaN scales to rows with NaN or ±Infinity and zero scales to tiny rows', () => {
    const { values, rowScales } = quantizeRowsS8(new Float32Array([1, Number.NaN, 1, Infinity, 1e-30, 0, 0, 0]), 4, 2);
    expect([...rowScales].map((s) => (Number.isNaN(s) ? 'NaN' : s))).toEqual(['NaN', 'NaN', 0, 0]);
    expect([...values]).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
  });

  it('refuses sizes that do not match x, naming them', () => {
    expect(() => quantizeRowsS8(new Float32Array(5), 2, 3)).toThrow(ShapeError);
    expect(() => quantizeRowsS8(new Float32Array(5), 2, 3)).toThrow(/expected x to hold rows · inner = 6 elements, got 5/);
    expect(() => quantizeRowsS8(new Float32Array(0), -1, 0)).toThrow(ValueError);
  });
});
