import { describe, expect, it } from 'vitest';
import {
  DTYPES,
  DTypeError,
  ShapeError,
  ValueError,
  allocate,
  assertDType,
  bytesPerElement,
  checkShape,
  MAX_EMPTY_OUTER_SIZE,
  MAX_RANK,
  Tensor,
  describeValue,
  emptyOuterSize,
  template,
  zeros,
  formatCount,
  listNames,
  dtypeOfArray,
  formatShape,
  integerRange,
  normalizeAxis,
  shapesEqual,
  sizeOf,
  stridesOf,
} from './index.js';

describe('dtype helpers', () => {
  it('describe the three dtypes', () => {
    expect(DTYPES).toEqual(['f32', 's8', 's32']);
    expect(integerRange('s8')).toEqual({ min: -128, max: 127 });
    expect(integerRange('s32')).toEqual({ min: -2147483648, max: 2147483647 });
    expect([bytesPerElement('f32'), bytesPerElement('s8'), bytesPerElement('s32')]).toEqual([4, 1, 4]);
    expect(allocate('s8', 2)).toEqual(new Int8Array(2));
    expect(allocate('s32', 1)).toBeInstanceOf(Int32Array);
    // A length the engine refuses is a ValueError with the sizes, not a bare RangeError.
    expect(() => allocate('f32', 1e18)).toThrow(ValueError);
    expect(() => allocate('f32', 1e18)).toThrow(/cannot allocate 1,000,000,000,000,000,000 f32 elements \(4,000,000,000,000,000,000 bytes\)/);
    expect(dtypeOfArray(new Float32Array())).toBe('f32');
    expect(dtypeOfArray(new Float64Array())).toBeUndefined();
    expect(() => allocate('x' as never, 1)).toThrow(DTypeError);
    expect(() => assertDType('f64', 'here')).toThrow('here: expected a dtype among f32, s8, s32, got "f64"');
  });
});

describe('shape helpers', () => {
  it('compute sizes, strides and axes', () => {
    expect(sizeOf([])).toBe(1);
    expect(sizeOf([2, 3, 4])).toBe(24);
    expect(stridesOf([2, 3, 4])).toEqual([12, 4, 1]);
    expect(formatShape([2, 3])).toBe('[2, 3]');
    expect(shapesEqual([2, 3], [2, 3])).toBe(true);
    expect(shapesEqual([2, 3], [3, 2])).toBe(false);
    expect(normalizeAxis(-1, 3, 'x')).toBe(2);
    expect(() => normalizeAxis(3, 3, 'x')).toThrow(ShapeError);
    expect(Object.isFrozen(checkShape([1], 'x'))).toBe(true);
    expect(describeValue('a')).toBe('"a"');
    expect(describeValue([1, 2])).toBe('an array of length 2');
    expect(describeValue(() => 1)).toBe('a function');
    expect(describeValue({})).toBe('an object (Object)');
  });
});

describe('error classes', () => {
  it('carry literal names (stable under minification) and the class hierarchy', async () => {
    const { TensorError } = await import('./index.js');
    for (const [ErrorClass, name] of [[TensorError, 'TensorError'], [ShapeError, 'ShapeError'], [DTypeError, 'DTypeError'], [ValueError, 'ValueError']] as const) {
      const error = new ErrorClass('message');
      expect(error.name).toBe(name);
      expect(error).toBeInstanceOf(TensorError);
      expect(String(error)).toBe(`${name}: message`);
    }
  });
});

describe('message helpers', () => {
  it('describe large values by kind and size, never element by element', () => {
    expect(describeValue(new Float32Array(15_680_000))).toBe('a Float32Array of 15,680,000 elements');
    expect(describeValue(new Int8Array(2))).toBe('an Int8Array of 2 elements');
    expect(describeValue(new ArrayBuffer(3))).toBe('an ArrayBuffer of 3 bytes');
    expect(describeValue('x'.repeat(1_000_000))).toMatch(/^"x{80}"\.\.\. \(a string of 1,000,000 characters\)$/);
  });

  it('list a few names and count the rest', () => {
    expect(listNames(['a', 'b'])).toBe("'a', 'b'");
    expect(listNames(Array.from({ length: 100_000 }, (_, i) => String(i)))).toBe("'0', '1', '2', '3', '4' and 99,995 more");
    expect(formatCount(1234567)).toBe('1,234,567');
  });
});

describe('shape bounds (where shapes enter: every Tensor and template)', () => {
  it('refuse an empty shape with more than MAX_EMPTY_OUTER_SIZE positions before its zero axis, at once', () => {
    expect(MAX_EMPTY_OUTER_SIZE).toBe(2 ** 20);
    expect(() => new Tensor(new Float32Array(0), [2e7, 0], 'f32')).toThrow(ShapeError);
    expect(() => zeros([2e7, 0])).toThrow(
      'full: expected an empty shape to have at most 1048576 positions before its first zero axis (MAX_EMPTY_OUTER_SIZE), got shape [20000000, 0] with 20,000,000',
    );
    expect(() => template([2 ** 32, 0])).toThrow(ShapeError); // was a bare RangeError from toArray
    expect(emptyOuterSize([3, 4, 0, 5])).toBe(12);
    expect(emptyOuterSize([0, 2e7])).toBe(1);
  });

  it('keep toArray of the largest empty shapes allowed bounded', () => {
    expect(zeros([0, 2e7]).toArray()).toEqual([]);
    const started = performance.now();
    expect((zeros([MAX_EMPTY_OUTER_SIZE, 0]).toArray() as unknown[]).length).toBe(MAX_EMPTY_OUTER_SIZE);
    expect(performance.now() - started).toBeLessThan(5000); // [2e7, 0] took 11 s and 900 MB
  });

  it('refuse more than MAX_RANK axes (toArray recursion)', () => {
    expect(() => zeros(new Array(MAX_RANK + 1).fill(1))).toThrow(`full: expected a shape of at most ${MAX_RANK} axes (MAX_RANK), got ${MAX_RANK + 1} axes`);
    expect(zeros(new Array(MAX_RANK).fill(1)).size).toBe(1);
  });
});
