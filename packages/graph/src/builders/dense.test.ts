import { matmul, add as addTensors, ones, randomNormal, template, tensor, allClose, type Tensor } from '@qaxon/tensor';
import { describe, expect, it } from 'vitest';
import {
  LayerOptionError,
  ModelState,
  UnknownActivationError,
  UnknownInitializerError,
  build,
  dense,
  initializers,
  input,
  properties,
} from '../index.js';

describe('dense (mirrors Axon dense tests)', () => {
  it('builds one node with op and opName dense, opts {units, useBias} and kernel/bias parameters', () => {
    const model = dense(input('input', { shape: [null, 2] }), 1);
    const node = model.nodes[model.output]!;
    expect(node.op).toBe('dense');
    expect(node.opName).toBe('dense');
    expect(node.name).toBeUndefined();
    expect(node.opts).toEqual({ units: 1, useBias: true });
    expect(node.parameters.map((p) => p.name)).toEqual(['kernel', 'bias']);
    expect(properties(model)).toEqual({ input: 'input', dense_0: 'dense' });
  });

  it('initializes in the default case: kernel [in, units] glorot uniform, bias [units] zeros', () => {
    const { init } = build(dense(input('input', { shape: [null, 1] }), 1, { name: 'dense' }));
    const state = init(template([1, 1]));
    const kernel = state.get('dense', 'kernel') as Tensor;
    const bias = state.get('dense', 'bias') as Tensor;
    expect(kernel.shape).toEqual([1, 1]);
    expect(kernel.dtype).toBe('f32');
    expect(bias.shape).toEqual([1]);
    expect(bias.toArray()).toEqual([0]);
    // glorotUniform limit for [1, 1]: sqrt(6 / 2)
    expect(Math.abs(kernel.get(0, 0))).toBeLessThanOrEqual(Math.sqrt(3));
  });

  it('initializes with custom initializers, by name and by function', () => {
    const model = dense(input('input'), 3, { name: 'd', kernelInitializer: 'zeros', biasInitializer: initializers.full(0.5) });
    const state = build(model).init(template([2, 4]));
    expect((state.get('d', 'kernel') as Tensor).toArray()).toEqual([
      [0, 0, 0],
      [0, 0, 0],
      [0, 0, 0],
      [0, 0, 0],
    ]);
    expect((state.get('d', 'bias') as Tensor).toArray()).toEqual([0.5, 0.5, 0.5]);
  });

  it('has no bias with useBias: false', () => {
    const state = build(dense(input('input'), 2, { useBias: false })).init(template([1, 3]));
    expect(Object.keys(state.data['dense_0']!)).toEqual(['kernel']);
  });

  it('computes the forward pass x · kernel + bias, on inputs of any rank >= 1', async () => {
    const model = dense(input('input'), 3);
    const { init, predict } = build(model);
    const x = randomNormal([2, 5, 4], { seed: 3 });
    const state = init(x, ModelState.empty(), { seed: 9 });
    const kernel = state.get('dense_0', 'kernel') as Tensor;
    const bias = randomNormal([3], { seed: 4 });
    const withBias = state.set('dense_0', 'bias', bias);
    const y = await predict(withBias, x);
    expect(y.shape).toEqual([2, 5, 3]);
    const expected = addTensors(matmul(tensor(x.data, { shape: [10, 4] }), kernel), bias);
    expect(allClose(tensor(y.data, { shape: [10, 3] }), expected, { rtol: 1e-5, atol: 1e-6 }).message).toBe('');
  });

  it('adds a separate activation node when given activation, named as Axon names it', () => {
    const model = dense(input('input'), 10, { activation: 'relu' });
    expect(properties(model)).toEqual({ input: 'input', dense_0: 'dense', relu_0: 'relu' });
    const relu = model.nodes[model.output]!;
    expect(relu.op).toBe('relu');
    expect(model.nodes[relu.parents[0]!]!.op).toBe('dense');
  });

  it('is immutable: building on a model does not change it', () => {
    const x = input('x');
    const before = Object.keys(x.nodes).length;
    dense(x, 3);
    expect(Object.keys(x.nodes)).toHaveLength(before);
    expect(Object.isFrozen(x.nodes)).toBe(true);
    expect(Object.isFrozen(x.nodes[x.output])).toBe(true);
  });

  it('refuses invalid units, unknown activations and unknown initializers, naming them', () => {
    expect(() => dense(input('x'), 0)).toThrow(LayerOptionError);
    expect(() => dense(input('x'), 2.5)).toThrow(/positive integer, got 2.5/);
    expect(() => dense(input('x'), 2, { activation: 'swish' as never })).toThrow(UnknownActivationError);
    expect(() => dense(input('x'), 2, { activation: 'swish' as never })).toThrow(/unknown activation "swish"; expected one of relu/);
    expect(() => dense(input('x'), 2, { kernelInitializer: 'xavier' as never })).toThrow(UnknownInitializerError);
    expect(() => dense(input('x'), 2, { kernelInitializer: 'xavier' as never })).toThrow(/parameter 'kernel': unknown initializer "xavier"/);
    expect(() => dense(input('x'), 2, { biasInitializer: 'full' as never })).toThrow(/initializers\.full\(value\)/);
  });

  it('is deterministic for a seed and gives each parameter its own stream', () => {
    const model = dense(dense(input('x'), 4), 4);
    const { init } = build(model);
    const a = init(template([1, 4]), undefined, { seed: 1 });
    const b = init(template([1, 4]), undefined, { seed: 1 });
    const c = init(template([1, 4]), undefined, { seed: 2 });
    const k = (s: ModelState, layer: string) => [...(s.get(layer, 'kernel') as Tensor).data];
    expect(k(a, 'dense_0')).toEqual(k(b, 'dense_0'));
    expect(k(a, 'dense_1')).toEqual(k(b, 'dense_1'));
    expect(k(a, 'dense_0')).not.toEqual(k(c, 'dense_0'));
    expect(k(a, 'dense_0')).not.toEqual(k(a, 'dense_1'));
    expect(ones([1]).shape).toEqual([1]);
  });
});
