import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DTypeError,
  ShapeError,
  ValueError,
  add,
  broadcastShapes,
  broadcastStrides,
  divide,
  multiply,
  randomUniform,
  subtract,
  tensor,
  type Tensor,
} from './index.js';

/** Broadcasting written out the slow, obvious way: index both operands per output element. */
function naiveBinary(a: Tensor, b: Tensor, fn: (x: number, y: number) => number): number[] {
  const shape = broadcastShapes(a.shape, b.shape);
  const size = shape.reduce((x, y) => x * y, 1);
  const out: number[] = [];
  for (let flat = 0; flat < size; flat++) {
    const index: number[] = [];
    let rest = flat;
    for (let axis = shape.length - 1; axis >= 0; axis--) {
      index[axis] = rest % shape[axis]!;
      rest = Math.floor(rest / shape[axis]!);
    }
    const pick = (t: Tensor): number => {
      const offset = shape.length - t.rank;
      const own = t.shape.map((d, axis) => (d === 1 ? 0 : index[axis + offset]!));
      return t.rank === 0 ? t.data[0]! : t.get(...own);
    };
    out.push(fn(pick(a), pick(b)));
  }
  return out;
}

describe('broadcasting', () => {
  it('follows NumPy/Nx rules', () => {
    expect(broadcastShapes([4, 1, 3], [2, 1])).toEqual([4, 2, 3]);
    expect(broadcastShapes([], [2])).toEqual([2]);
    expect(broadcastStrides([3], [2, 3])).toEqual([0, 1]);
    expect(() => broadcastShapes([2, 3], [4], 'add')).toThrow('add: shapes [2, 3] and [4] do not broadcast: axis 1 of the result has 3 vs 4');
  });

  it('matches a naive definition for random compatible shapes (property)', () => {
    const dims = fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 0, maxLength: 3 });
    const pair = dims.chain((shape) =>
      fc.tuple(
        fc.constant(shape),
        fc.tuple(...shape.map((d) => fc.constantFrom(d, 1))).chain((other) => fc.integer({ min: 0, max: other.length }).map((drop) => other.slice(drop))),
      ),
    );
    fc.assert(
      fc.property(pair, fc.boolean(), ([shapeA, shapeB], swap) => {
        const a = randomUniform(swap ? shapeB : shapeA, { seed: 1 });
        const b = randomUniform(swap ? shapeA : shapeB, { seed: 2 });
        for (const [op, fn] of [
          [add, (x: number, y: number) => x + y],
          [subtract, (x: number, y: number) => x - y],
          [multiply, (x: number, y: number) => x * y],
        ] as const) {
          expect([...op(a, b).data]).toEqual(naiveBinary(a, b, fn).map(Math.fround));
        }
        expect([...divide(a, b).data]).toEqual(naiveBinary(a, b, (x, y) => x / y).map(Math.fround));
      }),
    );
  });
});

describe('elementwise arithmetic', () => {
  it('adds, subtracts, multiplies and divides with scalars on either side', () => {
    expect(add(tensor([[1, 2], [3, 4]]), tensor([10, 20])).toArray()).toEqual([[11, 22], [13, 24]]);
    expect(subtract(10, tensor([1, 2])).toArray()).toEqual([9, 8]);
    expect(multiply(tensor([[1, 2], [3, 4]]), tensor([[2], [3]])).toArray()).toEqual([[2, 4], [9, 12]]);
    expect(divide(tensor([1, 3], { dtype: 's32' }), 2).toArray()).toEqual([0.5, 1.5]);
    expect(divide(tensor([1]), 0).toArray()).toEqual([Infinity]);
  });

  it('keeps integer dtypes and wraps like Nx', () => {
    const t = add(tensor([127], { dtype: 's8' }), 1);
    expect(t.dtype).toBe('s8');
    expect(t.toArray()).toEqual([-128]);
    expect(multiply(tensor([65536], { dtype: 's32' }), 65536).toArray()).toEqual([0]);
    expect(multiply(tensor([3e10]), 2).toArray()).toEqual([Math.fround(6e10)]);
  });

  it('refuses mixed dtypes, incompatible shapes and non-tensors', () => {
    expect(() => add(tensor([1]), tensor([1], { dtype: 's8' }) as never)).toThrow(DTypeError);
    expect(() => add(tensor([1]), tensor([1], { dtype: 's8' }) as never)).toThrow("add: expected operands of one dtype, got 'f32' and 's8'");
    expect(() => multiply(tensor([1, 2, 3]), tensor([1, 2]))).toThrow(ShapeError);
    expect(() => add(tensor([1]), 'x' as never)).toThrow(ValueError);
  });
});
