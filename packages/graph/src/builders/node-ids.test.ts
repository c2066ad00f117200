import { ones, template } from '@qaxon/tensor';
import { describe, expect, it } from 'vitest';
import { add, build, concatenate, dense, input, multiply, properties, relu, type Model } from '../index.js';
import { graphOrder, mergeModels } from '../internals.js';

const ids = (model: Model) => Object.keys(model.nodes).map(Number);

describe('node ids: unique within a model, no global counter', () => {
  it('a model built alone numbers its nodes from 1, whatever was built before', () => {
    dense(dense(input('other'), 4), 4);
    expect(ids(dense(relu(input('x')), 2))).toEqual([1, 2, 3]);
    expect(ids(dense(relu(input('x')), 2))).toEqual([1, 2, 3]);
  });

  it('two models built apart keep distinct nodes when combined, though their ids were the same', async () => {
    const left = dense(input('a', { shape: [null, 3] }), 2);
    const right = dense(input('b', { shape: [null, 3] }), 2);
    expect(ids(left)).toEqual(ids(right));
    const joined = concatenate(left, right);
    expect(Object.keys(joined.nodes)).toHaveLength(5);
    expect(properties(joined)).toEqual({ a: 'input', dense_0: 'dense', b: 'input', dense_1: 'dense', concatenate_0: 'concatenate' });
    for (const node of Object.values(joined.nodes)) expect(joined.nodes[node.id]).toBe(node);
    const { init, predict } = build(joined);
    const state = init({ a: template([1, 3]), b: template([1, 3]) });
    expect(state.get('dense_0', 'kernel')).not.toBe(state.get('dense_1', 'kernel'));
    expect((await predict(state, { a: ones([1, 3]), b: ones([1, 3]) })).shape).toEqual([1, 4]);
  });

  it('the same model used twice is one set of nodes, not a copy', () => {
    const x = input('x', { shape: [null, 4] });
    const hidden = dense(x, 4);
    const doubled = add(hidden, hidden);
    expect(Object.keys(doubled.nodes)).toHaveLength(3);
    expect(doubled.nodes[doubled.output]!.parents).toEqual([hidden.output, hidden.output]);
    const residual = add(x, dense(x, 4));
    expect(properties(residual)).toEqual({ x: 'input', dense_0: 'dense', add_0: 'add' });
  });

  it('a branch shared by models built on it stays shared after their renumbered parts are merged', () => {
    const x = input('x');
    const shared = dense(x, 4, { name: 'shared' });
    const y = input('y');
    const onY = multiply(dense(y, 4), shared); // y and its dense take ids the other branch also uses
    const onX = relu(shared);
    const merged = mergeModels([onX, onY, shared]);
    const named = (name: string) => Object.values(merged.nodes).filter((node) => node.name === name);
    expect(named('shared')).toHaveLength(1);
    expect(named('x')).toHaveLength(1);
    expect(merged.outputs[2]).toBe(named('shared')[0]!.id);
    expect(graphOrder(add(onX, onY)).map((node) => node.name ?? node.op)).toEqual(['x', 'shared', 'relu', 'y', 'dense', 'multiply', 'add']);
  });

  it('a layer used again after a builder renumbered it is still one layer (one set of parameters)', () => {
    const hidden = dense(input('x', { shape: [null, 2] }), 2);
    const first = add(dense(input('y', { shape: [null, 2] }), 2), hidden); // hidden's ids are taken: renumbered here
    const again = add(first, hidden);
    expect(properties(again)).toEqual({ y: 'input', dense_0: 'dense', x: 'input', dense_1: 'dense', add_0: 'add', add_1: 'add' });
    expect(build(again).init({ x: template([1, 2]), y: template([1, 2]) }).data).toHaveProperty('dense_1');
  });
});
