import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ShapeError, argMax, max, randomNormal, tensor } from './index.js';

describe('argMax', () => {
  it('gives the index of the largest element along an axis, as s32 without that axis', () => {
    const x = tensor([[0.1, 0.7, 0.2], [0.5, 0.3, 0.2]]);
    const rows = argMax(x, -1);
    expect(rows.dtype).toBe('s32');
    expect(rows.shape).toEqual([2]);
    expect(rows.toArray()).toEqual([1, 0]);
    expect(argMax(x, 1).toArray()).toEqual([1, 0]);
    expect(argMax(x, 0).toArray()).toEqual([1, 0, 0]);
    expect(argMax(x, -1, { keepAxis: true }).toArray()).toEqual([[1], [0]]);
    expect(argMax(tensor([3, 9, 2]), 0).toArray()).toBe(1);
  });

  it('works along a middle axis of a rank-3 tensor', () => {
    const x = tensor([[[1, 8], [5, 2], [3, 4]], [[9, 0], [7, 6], [8, 7]]]); // [2, 3, 2]
    expect(argMax(x, 1).toArray()).toEqual([[1, 0], [0, 2]]);
  });

  it('takes the first of equal values, and the first NaN over any number', () => {
    expect(argMax(tensor([2, 5, 5, 1]), 0).toArray()).toBe(1);
    expect(argMax(tensor([1, NaN, 9, NaN]), 0).toArray()).toBe(1);
    expect(argMax(tensor([-128, 127, 127], { dtype: 's8' }), 0).toArray()).toBe(1);
  });

  it('refuses empty axes and axes out of range, naming them', () => {
    expect(() => argMax(tensor([], { shape: [2, 0] }), 1)).toThrow(ShapeError);
    expect(() => argMax(tensor([], { shape: [2, 0] }), 1)).toThrow('argMax: axis 1 of shape [2, 0] is empty');
    expect(() => argMax(tensor([1, 2]), 1)).toThrow(/argMax: expected an axis in \[-1, 0\] for a rank-1 tensor, got 1/);
  });

  it('points at an element equal to the maximum, on seeded random tensors', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 5 }), fc.integer({ min: 0, max: 1000 }), (rows, columns, seed) => {
        const x = randomNormal([rows, columns], { seed });
        const indices = argMax(x, 1).toArray(1);
        const maxima = max(x, { axes: [1] }).toArray(1);
        indices.forEach((column, row) => expect(x.get(row, column)).toBe(maxima[row]));
      }),
      { seed: 22, numRuns: 50 },
    );
  });
});

describe('Tensor.toArray(rank)', () => {
  it('is typed by the rank it is given and checks it', () => {
    const y = tensor([[1, 2], [3, 4]]);
    const firstRow: number[] | undefined = y.toArray(2)[0];
    expect(firstRow).toEqual([1, 2]);
    const scalar: number = tensor(5).toArray(0);
    expect(scalar).toBe(5);
    expect(() => y.toArray(1)).toThrow(ShapeError);
    expect(() => y.toArray(1)).toThrow('Tensor.toArray: expected a tensor of rank 1, got rank 2 (shape [2, 2])');
  });
});
