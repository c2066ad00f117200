import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ShapeError, reshape, resolveShape, tensor, transpose, randomUniform } from './index.js';

describe('reshape', () => {
  it('shares data and infers one -1', () => {
    const t = tensor([1, 2, 3, 4, 5, 6]);
    const r = reshape(t, [2, -1]);
    expect(r.shape).toEqual([2, 3]);
    expect(r.data).toBe(t.data);
    expect(reshape(t, [-1]).shape).toEqual([6]);
    expect(resolveShape([-1, 4], 8, [8])).toEqual([2, 4]);
  });

  it('refuses mismatched counts, two -1s and bad dimensions, naming both shapes', () => {
    const t = tensor([1, 2, 3, 4, 5, 6]);
    expect(() => reshape(t, [4, 2])).toThrow('reshape: cannot reshape [6] (6 elements) into [4, 2] (8 elements)');
    expect(() => reshape(t, [-1, -1])).toThrow('at most one -1');
    expect(() => reshape(t, [4, -1])).toThrow('cannot infer -1 in [4, -1] for 6 elements');
    expect(() => reshape(t, [2, 1.5])).toThrow(ShapeError);
    expect(() => reshape(t, 'x' as never)).toThrow(/expected a shape array/);
  });

  it('round-trips any shape through a flat view (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 4 }), (shape) => {
        const size = shape.reduce((a, b) => a * b, 1);
        const t = randomUniform(shape, { seed: size });
        const back = reshape(reshape(t, [-1]), shape);
        expect(back.shape).toEqual(shape);
        expect(back.data).toEqual(t.data);
      }),
    );
  });
});

describe('transpose', () => {
  it('reverses axes by default and follows a permutation', () => {
    expect(transpose(tensor([[1, 2, 3], [4, 5, 6]])).toArray()).toEqual([[1, 4], [2, 5], [3, 6]]);
    const t = tensor([...Array(24).keys()], { shape: [2, 3, 4] });
    const p = transpose(t, [1, 2, 0]);
    expect(p.shape).toEqual([3, 4, 2]);
    expect(p.get(2, 3, 1)).toBe(t.get(1, 2, 3));
    expect(transpose(tensor(5)).toArray()).toBe(5);
  });

  it('keeps integer dtypes', () => {
    expect(transpose(tensor([[1, 2]], { dtype: 's8' })).data).toEqual(new Int8Array([1, 2]));
  });

  it('refuses non-permutations', () => {
    const t = tensor([[1, 2]]);
    expect(() => transpose(t, [0, 0])).toThrow('transpose: expected a permutation of 0..1, got [0, 0] (bad entry at position 1)');
    expect(() => transpose(t, [0])).toThrow('expected 2 axes for shape [1, 2], got [0]');
    expect(() => transpose(t, [0, 2])).toThrow(ShapeError);
  });

  it('is undone by the inverse permutation and agrees with get() (property)', () => {
    const shapeAndPermutation = fc
      .array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 4 })
      .chain((shape) => fc.tuple(fc.constant(shape), fc.shuffledSubarray([...shape.keys()], { minLength: shape.length })));
    fc.assert(
      fc.property(shapeAndPermutation, ([shape, permutation]) => {
        const t = randomUniform(shape, { seed: 3 });
        const p = transpose(t, permutation);
        const inverse = permutation.map((_, i) => permutation.indexOf(i));
        expect(transpose(p, inverse).data).toEqual(t.data);
        const index = shape.map((d) => d - 1);
        expect(p.get(...permutation.map((axis) => index[axis]!))).toBe(t.get(...index));
      }),
    );
  });
});
