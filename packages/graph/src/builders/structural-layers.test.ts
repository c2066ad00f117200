import { add as addTensors, concatenate as concatTensors, multiply as multiplyTensors, randomNormal, template, tensor, type Tensor } from '@qaxon/tensor';
import { describe, expect, it } from 'vitest';
import {
  InputError,
  LayerOptionError,
  add,
  build,
  concatenate,
  dense,
  dropout,
  flatten,
  input,
  layerNorm,
  multiply,
  properties,
  reshape,
} from '../index.js';

describe('combinators: add, multiply, concatenate', () => {
  const a = input('a', { shape: [null, 3] });
  const b = input('b', { shape: [null, 3] });
  const inputs = { a: randomNormal([2, 3], { seed: 1 }), b: randomNormal([2, 3], { seed: 2 }) };

  it('add sums two or more layers elementwise, named add_0', async () => {
    const model = add(a, b);
    expect(properties(model)).toEqual({ a: 'input', b: 'input', add_0: 'add' });
    const { init, predict } = build(model);
    const y = await predict(init({ a: template([2, 3]), b: template([2, 3]) }), inputs);
    expect([...y.data]).toEqual([...addTensors(inputs.a, inputs.b).data]);
    const three = await build(add([a, b, a], { name: 'sum3' })).predict(init({ a: template([2, 3]), b: template([2, 3]) }), inputs);
    expect([...three.data]).toEqual([...addTensors(addTensors(inputs.a, inputs.b), inputs.a).data]);
  });

  it('multiply multiplies elementwise and broadcasts', async () => {
    const model = multiply(a, input('s', { shape: [null, 1] }));
    const { init, predict } = build(model);
    const s = tensor([[2], [3]]);
    const y = await predict(init({ a: template([2, 3]), s: template([2, 1]) }), { a: inputs.a, s });
    expect(y.shape).toEqual([2, 3]);
    expect([...y.data]).toEqual([...multiplyTensors(inputs.a, s).data]);
  });

  it('concatenate joins along the last axis by default, or a given axis', async () => {
    const { init, predict } = build(concatenate(a, input('c', { shape: [null, 2] })));
    const c = randomNormal([2, 2], { seed: 5 });
    const y = await predict(init({ a: template([2, 3]), c: template([2, 2]) }), { a: inputs.a, c });
    expect(y.shape).toEqual([2, 5]);
    expect([...y.data]).toEqual([...concatTensors([inputs.a, c], 1).data]);
    const rows = build(concatenate([a, b], { axis: 0 }));
    expect((await rows.predict(rows.init({ a: template([2, 3]), b: template([2, 3]) }), inputs)).shape).toEqual([4, 3]);
  });

  it('refuses shapes that do not combine, naming the layer and both shapes', () => {
    const { init } = build(add(a, input('d')));
    expect(() => init({ a: template([2, 3]), d: template([2, 4]) })).toThrow(InputError);
    expect(() => init({ a: template([2, 3]), d: template([2, 4]) })).toThrow(
      'layer add_0 (op add): expected input shapes that broadcast together, got [2, 3], [2, 4]',
    );
    const joined = build(concatenate(a, input('d')));
    expect(() => joined.init({ a: template([2, 3]), d: template([3, 3]) })).toThrow(/expected inputs equal on every axis but 1, got \[2, 3\], \[3, 3\]/);
    expect(() => add([a])).toThrow(LayerOptionError);
    expect(() => concatenate(a, b, { axis: 0.5 })).toThrow(/integer axis/);
  });
});

describe('shape layers: flatten, reshape, dropout', () => {
  it('flatten keeps the batch axis and merges the rest', async () => {
    const model = dense(flatten(input('image', { shape: [null, 2, 3] })), 4);
    expect(properties(model)).toEqual({ image: 'input', flatten_0: 'flatten', dense_0: 'dense' });
    const { init, predict } = build(model);
    const state = init(template([5, 2, 3]));
    expect(state.get('dense_0', 'kernel')!.shape).toEqual([6, 4]);
    expect((await predict(state, randomNormal([5, 2, 3], { seed: 1 }))).shape).toEqual([5, 4]);
  });

  it("reshape resolves 'batch' and -1", async () => {
    const { init, predict } = build(reshape(input('x'), ['batch', 2, -1]));
    const x = randomNormal([3, 6], { seed: 2 });
    const y = await predict(init(template([3, 6])), x);
    expect(y.shape).toEqual([3, 2, 3]);
    expect([...y.data]).toEqual([...x.data]);
    expect(() => init(template([3, 5]))).toThrow(/layer reshape_0 \(op reshape\): cannot reshape an input of shape \[3, 5\] to \[batch, 2, -1\]/);
    expect(() => reshape(input('x'), [2, 'rows' as never])).toThrow(LayerOptionError);
  });

  it('dropout is the identity at inference and checks its rate', async () => {
    const { init, predict } = build(dropout(input('x'), { rate: 0.3 }));
    const x = randomNormal([2, 2], { seed: 3 });
    expect(await predict(init(x), x)).toBe(x);
    expect(() => dropout(input('x'), { rate: 1 })).toThrow(/rate in \[0, 1\), got 1/);
  });
});

describe('layerNorm', () => {
  it('normalizes the last axis with gamma (ones) and beta (zeros), epsilon 1e-5', async () => {
    const model = layerNorm(input('x', { shape: [null, 4] }));
    expect(properties(model)).toEqual({ x: 'input', layerNorm_0: 'layerNorm' });
    const { init, predict } = build(model);
    const state = init(template([2, 4]));
    expect([...(state.get('layerNorm_0', 'gamma') as Tensor).data]).toEqual([1, 1, 1, 1]);
    expect([...(state.get('layerNorm_0', 'beta') as Tensor).data]).toEqual([0, 0, 0, 0]);
    const y = await predict(state, tensor([[1, 2, 3, 4], [5, 5, 5, 5]]));
    const rows = y.toArray() as number[][];
    const sd = Math.sqrt(1.25 + 1e-5);
    rows[0]!.forEach((v, i) => expect(v).toBeCloseTo((i + 1 - 2.5) / sd, 6));
    expect(rows[1]).toEqual([0, 0, 0, 0]);
  });

  it('applies gamma and beta', async () => {
    const { init, predict } = build(layerNorm(input('x'), { name: 'ln' }));
    const state = init(template([1, 2]))
      .set('ln', 'gamma', tensor([2, 3]))
      .set('ln', 'beta', tensor([1, -1]));
    const y = (await predict(state, tensor([[0, 2]]))).toArray() as number[][];
    const z = 1 / Math.sqrt(1 + 1e-5);
    expect(y[0]![0]).toBeCloseTo(-z * 2 + 1, 6);
    expect(y[0]![1]).toBeCloseTo(z * 3 - 1, 6);
    expect(() => layerNorm(input('x'), { epsilon: 0 })).toThrow(LayerOptionError);
  });
});
