import { describe, expect, it } from 'vitest';
import { ShapeError, ValueError, DTypeError, full, ones, tensor, zeros } from './index.js';

describe('tensor()', () => {
  it('infers the shape from nesting and defaults to f32', () => {
    const t = tensor([[1, 2, 3], [4, 5, 6]]);
    expect(t.dtype).toBe('f32');
    expect(t.shape).toEqual([2, 3]);
    expect(t.data).toBeInstanceOf(Float32Array);
  });

  it('reshapes flat input to a given shape and checks the count', () => {
    expect(tensor([1, 2, 3, 4], { shape: [2, 2] }).toArray()).toEqual([[1, 2], [3, 4]]);
    expect(() => tensor([1, 2, 3], { shape: [2, 2] })).toThrow('tensor: shape [2, 2] needs 4 elements, got 3');
  });

  it('uses typed arrays of the requested dtype without copying', () => {
    const data = new Int8Array([-128, 127]);
    const t = tensor(data);
    expect(t.dtype).toBe('s8');
    expect(t.data).toBe(data);
  });

  it('converts typed arrays to another dtype when asked, checking integer ranges', () => {
    expect(tensor(new Int8Array([1, -2]), { dtype: 'f32' }).data).toEqual(new Float32Array([1, -2]));
    expect(() => tensor(new Int32Array([300]), { dtype: 's8' })).toThrow(/integer in \[-128, 127\] for dtype 's8' at flat index 0, got 300/);
  });

  it('makes scalars from numbers', () => {
    expect(tensor(7).shape).toEqual([]);
    expect(tensor(7, { shape: [1, 1] }).shape).toEqual([1, 1]);
  });

  it('refuses ragged nesting, non-numbers, fractional integers and bad dtypes', () => {
    expect(() => tensor([[1, 2], [3]])).toThrow(ShapeError);
    expect(() => tensor([[1, 2], [3]])).toThrow('ragged nesting at index [1]: expected an array of length 2, got an array of length 1');
    expect(() => tensor([[1, 2], 3] as never)).toThrow('ragged nesting at index [1]');
    expect(() => tensor([1, [2]] as never)).toThrow('expected a number, got an array');
    expect(() => tensor(['a'] as never)).toThrow(ValueError);
    expect(() => tensor([1.5], { dtype: 's8' })).toThrow(/use asType/);
    expect(() => tensor([1], { dtype: 'u8' as never })).toThrow(DTypeError);
    expect(() => tensor({} as never)).toThrow(/expected a number, an array or a typed array/);
    expect(() => tensor(new Uint32Array(2) as never)).toThrow(/got a Uint32Array/);
    expect(() => tensor(new BigInt64Array(2) as never)).toThrow(/expected a Float32Array, Int8Array or Int32Array \(or a Uint8Array, .*\), got a BigInt64Array/);
    expect(() => tensor(new DataView(new ArrayBuffer(4)) as never)).toThrow(ValueError);
  });

  it('converts pixels, 16-bit integers and Float64Array to f32 (or to a dtype that holds them)', () => {
    const pixels = new Uint8ClampedArray([0, 1, 128, 255]);
    const fromPixels = tensor(pixels, { shape: [2, 2] });
    expect(fromPixels.dtype).toBe('f32');
    expect(fromPixels.toArray()).toEqual([[0, 1], [128, 255]]);
    expect(tensor(new Uint8Array([3, 250])).data).toEqual(new Float32Array([3, 250]));
    expect(tensor(new Int16Array([-32768, 32767])).data).toEqual(new Float32Array([-32768, 32767]));
    expect(tensor(new Uint16Array([65535])).data).toEqual(new Float32Array([65535]));
    expect(tensor(new Float64Array([0.1, 1e300])).data).toEqual(new Float32Array([0.1, Infinity]));
    expect(tensor(new Uint8Array([1, 200]), { dtype: 's32' }).data).toEqual(new Int32Array([1, 200]));
    expect(() => tensor(new Uint8Array([1, 200]), { dtype: 's8' })).toThrow(/integer in \[-128, 127\] for dtype 's8' at flat index 1, got 200/);
    expect(tensor(pixels).data).not.toBe(pixels);
  });
});

describe('full, zeros, ones', () => {
  it('fill with a value in the requested dtype', () => {
    expect(full([2], 7, 's32').toArray()).toEqual([7, 7]);
    expect(zeros([2, 1]).toArray()).toEqual([[0], [0]]);
    expect(ones([3], 's8').data).toEqual(new Int8Array([1, 1, 1]));
  });

  it('refuse values an integer dtype cannot hold and bad shapes', () => {
    expect(() => full([1], 0.5, 's8')).toThrow("full: expected an integer in [-128, 127] for dtype 's8', got 0.5");
    expect(() => full([1], 'x' as never)).toThrow(ValueError);
    expect(() => zeros([2, -1])).toThrow(ShapeError);
    expect(() => zeros('3' as never)).toThrow(/expected a shape/);
  });
});
