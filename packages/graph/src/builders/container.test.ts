import { ones, randomNormal, template, type Tensor } from '@qaxon/tensor';
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  GraphStructureError,
  LayerOptionError,
  build,
  container,
  dense,
  dropout,
  input,
  layer,
  properties,
  rewriteNodes,
  summary,
  type Model,
} from '../index.js';
import { makeModel } from '../internals.js';

describe('container: models with several outputs', () => {
  const x = input('x', { shape: [null, 4] });
  const hidden = dense(x, 8, { activation: 'relu' });
  const logits = dense(hidden, 3);
  const model = container({ logits, cache: hidden });

  it('predict gives a record of tensors by name, equal to the single-output models', async () => {
    expectTypeOf(model).toEqualTypeOf<Model<Record<'logits' | 'cache', Tensor>>>();
    const built = build(model);
    const state = built.init(template([2, 4]), undefined, { seed: 3 });
    const xs = randomNormal([2, 4], { seed: 1 });
    const outputs = await built.predict(state, xs);
    expect(Object.keys(outputs)).toEqual(['logits', 'cache']);
    expect(outputs.logits.shape).toEqual([2, 3]);
    expect(outputs.cache.shape).toEqual([2, 8]);
    expect(outputs.logits.data).toEqual((await build(logits).predict(state, xs)).data);
    expect(outputs.cache.data).toEqual((await build(hidden).predict(state, xs)).data);
    const single: Tensor = await build(logits).predict(state, xs);
    expect(single.shape).toEqual([2, 3]);
  });

  it('init creates the parameters of every branch, shared layers once; names as Axon (container_0)', () => {
    expect(properties(model)).toEqual({ x: 'input', dense_0: 'dense', relu_0: 'relu', dense_1: 'dense', container_0: 'container' });
    const state = build(model).init(template([1, 4]));
    expect(Object.keys(state.data).sort()).toEqual(['dense_0', 'dense_1']);
    expect(build(container({ a: dense(x, 2) }, { name: 'outputs' })).layerNames).toEqual(['x', 'dense_0', 'outputs']);
  });


  it('summary shows each output shape on the container row', () => {
    const table = summary(model, undefined, { inputs: template([1, 4]) });
    expect(table).toContain('container_0 ( container["dense_1", "relu_0"] )');
    expect(table).toContain('logits: [1, 3]');
    expect(table).toContain('cache: [1, 8]');
  });

  it('rewriteNodes sees every branch and keeps the output type', () => {
    const renamed = rewriteNodes(model, (node) => (node.op === 'dense' ? (dense) => ({ ...dense, meta: { seen: true } }) : 'skip'));
    expectTypeOf(renamed).toEqualTypeOf<typeof model>();
    expect(Object.values(renamed.nodes).filter((node) => node.meta['seen'] === true)).toHaveLength(2);
  });

  it('refuses what is not a container of models, and a container used as a layer input', () => {
    expect(() => container({})).toThrow(LayerOptionError);
    expect(() => container({ a: 3 as never })).toThrow("container: expected output 'a' to be a model (from input(), dense(), ...), got 3");
    expect(() => container(x as never)).toThrow(/expected a record of models by output name/);
    expect(() => dense(model as never, 2)).toThrow("layer 'dense': input 0 is a model with several outputs (a container)");
    const wrapped = layer('relu', [x]);
    const node = model.nodes[model.output]!;
    const reluNode = wrapped.nodes[wrapped.output]!;
    const misuse = makeModel({ ...model.nodes, 99: { ...reluNode, id: 99, parents: [node.id] } }, 99);
    expect(() => build(misuse)).toThrow(GraphStructureError);
    expect(() => build(misuse)).toThrow('container container_0: a container (several outputs) can only be the output of a model');
    const badNames = makeModel({ ...model.nodes, [node.id]: { ...node, opts: { names: ['a', 'a'] } } }, model.output);
    expect(() => build(badNames)).toThrow("output name 'a' is given twice");
  });

  it('one input given back as an output comes back as the tensor given', async () => {
    const both = container({ y: dense(x, 2), x: dropout(x) });
    const built = build(both);
    const xs = ones([1, 4]);
    const outputs = await built.predict(built.init(template([1, 4])), xs);
    expect(outputs.x).toBe(xs);
  });
});
