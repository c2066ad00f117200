import { describe, expect, it } from 'vitest';
import { DTypeError, ShapeError, ValueError, concatenate, slice, tensor } from './index.js';

describe('concatenate', () => {
  it('joins along any axis', () => {
    expect(concatenate([tensor([[1, 2]]), tensor([[3, 4]])]).toArray()).toEqual([[1, 2], [3, 4]]);
    expect(concatenate([tensor([[1], [2]]), tensor([[3, 4], [5, 6]])], -1).toArray()).toEqual([[1, 3, 4], [2, 5, 6]]);
    expect(concatenate([tensor([1, 2], { dtype: 's8' }), tensor([3], { dtype: 's8' })]).data).toEqual(new Int8Array([1, 2, 3]));
  });

  it('refuses empty lists, scalars, mixed dtypes and mismatched shapes', () => {
    expect(() => concatenate([])).toThrow(ValueError);
    expect(() => concatenate([tensor(1)])).toThrow('expected tensors of rank >= 1');
    expect(() => concatenate([tensor([1]), tensor([1], { dtype: 's8' }) as never])).toThrow(DTypeError);
    expect(() => concatenate([tensor([[1, 2]]), tensor([[1, 2, 3]])], 0)).toThrow(
      'concatenate: tensor 1 has shape [1, 3], which does not match [1, 2] except on axis 0',
    );
    expect(() => concatenate([tensor([1])], 1)).toThrow(ShapeError);
  });
});

describe('slice', () => {
  it('takes a contiguous block', () => {
    const t = tensor([[1, 2, 3], [4, 5, 6]]);
    expect(slice(t, [0, 1], [2, 2]).toArray()).toEqual([[2, 3], [5, 6]]);
    expect(slice(t, [1, 0], [1, 3]).toArray()).toEqual([[4, 5, 6]]);
    expect(slice(t, [0, 0], [0, 3]).shape).toEqual([0, 3]);
  });

  it('refuses blocks that do not fit', () => {
    const t = tensor([[1, 2, 3], [4, 5, 6]]);
    expect(() => slice(t, [0, 2], [1, 2])).toThrow('slice: axis 1 of shape [2, 3] has 3 entries; start 2 with length 2 does not fit');
    expect(() => slice(t, [0], [1])).toThrow('expected 2 starts and lengths');
    expect(() => slice(t, [-1, 0], [1, 1])).toThrow(ShapeError);
  });
});
