import { describe, expect, it } from 'vitest';
import { DTypeError, ShapeError, Tensor, TensorTemplate, emptyLike, template, tensor } from './index.js';

describe('Tensor', () => {
  it('wraps a typed array without copying and reports shape, size, rank, bytes', () => {
    const data = new Float32Array([1, 2, 3, 4, 5, 6]);
    const t = new Tensor(data, [2, 3], 'f32');
    expect(t.data).toBe(data);
    expect(t.shape).toEqual([2, 3]);
    expect(t.size).toBe(6);
    expect(t.rank).toBe(2);
    expect(t.byteSize).toBe(24);
    expect(t.toArray()).toEqual([[1, 2, 3], [4, 5, 6]]);
  });

  it('refuses a typed array of the wrong dtype, naming both', () => {
    expect(() => new Tensor(new Int8Array(2) as never, [2], 'f32')).toThrow(DTypeError);
    expect(() => new Tensor(new Int8Array(2) as never, [2], 'f32')).toThrow(/expected a Float32Array for dtype 'f32', got an Int8Array/);
    expect(() => new Tensor([1, 2] as never, [2], 'f32')).toThrow(/got a Array/);
  });

  it('refuses data whose length does not match the shape', () => {
    expect(() => new Tensor(new Float32Array(5), [2, 3], 'f32')).toThrow(ShapeError);
    expect(() => new Tensor(new Float32Array(5), [2, 3], 'f32')).toThrow('shape [2, 3] needs 6 elements, got 5');
  });

  it('refuses negative and fractional dimensions and unknown dtypes', () => {
    expect(() => new Tensor(new Float32Array(0), [-1], 'f32')).toThrow(/axis 0 of shape \[-1\] to be a non-negative integer, got -1/);
    expect(() => new Tensor(new Float32Array(0), [1.5], 'f32')).toThrow(/non-negative integer, got 1.5/);
    expect(() => new Tensor(new Float32Array(1) as never, [1], 'f64' as never)).toThrow(/expected a dtype among f32, s8, s32, got "f64"/);
  });

  it('reads single elements with get, checking the index', () => {
    const t = tensor([[1, 2], [3, 4]]);
    expect(t.get(1, 0)).toBe(3);
    expect(() => t.get(2, 0)).toThrow('index 2 is out of range [0, 2) on axis 0');
    expect(() => t.get(0)).toThrow('expected 2 indices');
  });

  it('renders scalars, vectors and long axes readably', () => {
    expect(String(tensor(3.5))).toBe('Tensor<f32>[] 3.5');
    expect(String(tensor([1, 2], { dtype: 's8' }))).toBe('Tensor<s8>[2] [1, 2]');
    expect(String(tensor([[0.1, 2], [3, 4]]))).toBe('Tensor<f32>[2, 2] [[0.1, 2], [3, 4]]');
    expect(String(tensor([...Array(10).keys()], { dtype: 's32' }))).toBe('Tensor<s32>[10] [0, 1, 2, ..., 7, 8, 9]');
    expect(tensor(2).toArray()).toBe(2);
  });

  it('handles empty tensors', () => {
    const t = emptyLike([0, 3], 'f32');
    expect(t.size).toBe(0);
    expect(t.toArray()).toEqual([]);
  });
});

describe('TensorTemplate', () => {
  it('holds a shape and dtype with no data', () => {
    const t = template([1, 784]);
    expect(t).toBeInstanceOf(TensorTemplate);
    expect(t.shape).toEqual([1, 784]);
    expect(t.dtype).toBe('f32');
    expect(t.size).toBe(784);
    expect(t.rank).toBe(2);
    expect(String(template([2], 's8'))).toBe('Template<s8>[2]');
    expect(() => template([-2])).toThrow(ShapeError);
  });
});
