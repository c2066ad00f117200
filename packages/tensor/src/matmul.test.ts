import { describe, expect, it } from 'vitest';
import { DTypeError, ShapeError, matmul, tensor } from './index.js';

describe('matmul', () => {
  it('multiplies matrices, rows and columns NumPy-style', () => {
    const a = tensor([[1, 2], [3, 4]]);
    expect(matmul(a, tensor([[5], [6]])).toArray()).toEqual([[17], [39]]);
    expect(matmul(tensor([1, 2]), a).toArray()).toEqual([7, 10]);
    expect(matmul(a, tensor([1, 1])).toArray()).toEqual([3, 7]);
    expect(matmul(tensor([1, 2]), tensor([3, 4])).toArray()).toBe(11);
  });

  it('accumulates in float64 and rounds once', () => {
    const x = tensor([1e8, 1, -1e8]);
    const w = tensor([[1], [1], [1]]);
    expect(matmul(x, w).toArray()).toEqual([1]);
  });

  it('multiplies integer tensors into s32', () => {
    const r = matmul(tensor([[127, -128]], { dtype: 's8' }), tensor([[127], [127]], { dtype: 's8' }));
    expect(r.dtype).toBe('s32');
    expect(r.toArray()).toEqual([[-127]]);
  });

  it('refuses mismatched inner dimensions, ranks and dtypes', () => {
    expect(() => matmul(tensor([[1, 2, 3]]), tensor([[1], [2]]))).toThrow(
      'matmul: inner dimensions differ: [1, 3] has 3 columns but [2, 1] has 2 rows',
    );
    expect(() => matmul(tensor([[[1]]]), tensor([[1]]))).toThrow(ShapeError);
    expect(() => matmul(tensor(1), tensor([1]))).toThrow('expected rank-1 or rank-2 operands, got ranks 0 and 1');
    expect(() => matmul(tensor([1]), tensor([1], { dtype: 's8' }))).toThrow(DTypeError);
  });
});
