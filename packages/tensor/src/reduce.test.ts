import { describe, expect, it } from 'vitest';
import { ShapeError, map, max, mean, min, sum, tensor, ValueError } from './index.js';

describe('reductions', () => {
  const t = tensor([[1, -2, 3], [4, 5, -6]]);

  it('reduce over all axes by default', () => {
    expect(sum(t).toArray()).toBe(5);
    expect(mean(t).toArray()).toBeCloseTo(5 / 6);
    expect(min(t).toArray()).toBe(-6);
    expect(max(t).toArray()).toBe(5);
  });

  it('reduce over chosen axes, negative axes and keepAxes', () => {
    expect(sum(t, { axes: [0] }).toArray()).toEqual([5, 3, -3]);
    expect(sum(t, { axes: [-1] }).toArray()).toEqual([2, 3]);
    expect(max(t, { axes: [1], keepAxes: true }).toArray()).toEqual([[3], [5]]);
    expect(min(t, { axes: [0, 1], keepAxes: true }).shape).toEqual([1, 1]);
    expect(mean(tensor([[1, 2], [3, 4]]), { axes: [0] }).toArray()).toEqual([2, 3]);
  });

  it('sums integers into s32 and keeps min/max dtypes', () => {
    const s8 = tensor([100, 100, 100], { dtype: 's8' });
    expect(sum(s8).dtype).toBe('s32');
    expect(sum(s8).toArray()).toBe(300);
    expect(max(s8).dtype).toBe('s8');
  });

  it('accumulates in float64 before rounding once', () => {
    const values = new Float32Array(1_000_001).fill(0.1);
    values[0] = 1e7;
    const exact = Math.fround(1e7 + 1_000_000 * Math.fround(0.1));
    expect(sum(tensor(values)).data[0]).toBe(exact);
  });

  it('propagates NaN in min and max', () => {
    expect(min(tensor([1, NaN, -1])).toArray()).toBeNaN();
    expect(max(tensor([NaN, 1])).toArray()).toBeNaN();
  });

  it('refuses empty reductions and bad axes', () => {
    expect(() => max(tensor([], { shape: [0] }))).toThrow('max: cannot reduce an empty axis of shape [0] (axes [0])');
    expect(() => mean(tensor([], { shape: [2, 0] }), { axes: [1] })).toThrow(ShapeError);
    expect(sum(tensor([], { shape: [0] })).toArray()).toBe(0);
    expect(() => sum(t, { axes: [2] })).toThrow('sum: expected an axis in [-2, 1] for a rank-2 tensor, got 2');
  });
});

describe('map', () => {
  it('applies a function with the flat index and keeps the dtype', () => {
    expect(map(tensor([-1, 2]), (v) => Math.max(v, 0)).toArray()).toEqual([0, 2]);
    expect(map(tensor([1, 2, 3], { dtype: 's32' }), (v, i) => v * i).toArray()).toEqual([0, 2, 6]);
    expect(() => map(tensor([1]), 3 as never)).toThrow(ValueError);
  });
});
