import { randomNormal, template, tensor } from '@qaxon/tensor';
import { oracleActivation } from '../test-support/activation-oracle.js';
import { describe, expect, it } from 'vitest';
import {
  ACTIVATION_NAMES,
  UnknownActivationError,
  activation,
  build,
  gelu,
  input,
  leakyRelu,
  properties,
  relu,
  sigmoid,
  silu,
  softmax,
  tanh,
} from '../index.js';

const builders = { relu, sigmoid, tanh, softmax, gelu, silu, leakyRelu };

describe('activation layers (mirror Axon activation layer tests)', () => {
  for (const name of ACTIVATION_NAMES) {
    it(`${name}: one node named ${name}_0, no parameters, same shape, same values as graph 0.1's maths`, async () => {
      const model = builders[name](input('input', { shape: [null, 3, 4] }));
      expect(properties(model)).toEqual({ input: 'input', [`${name}_0`]: name });
      const { init, predict } = build(model);
      const state = init(template([2, 3, 4]));
      expect(state.parameterCount()).toBe(0);
      const x = randomNormal([2, 3, 4], { seed: 11 });
      const y = await predict(state, x);
      expect(y.shape).toEqual([2, 3, 4]);
      expect([...y.data]).toEqual([...oracleActivation(name, x).data]);
    });
  }

  it('activation(x, name) is the same layer, and explicit names win', () => {
    const model = activation(input('x'), 'gelu', { name: 'act' });
    expect(properties(model)).toEqual({ x: 'input', act: 'gelu' });
    expect(properties(relu(relu(input('x'))))).toEqual({ x: 'input', relu_0: 'relu', relu_1: 'relu' });
  });

  it('leakyRelu carries alpha in its opts', async () => {
    const model = leakyRelu(input('x'), { alpha: 0.5 });
    expect(model.nodes[model.output]!.opts).toEqual({ alpha: 0.5 });
    const { init, predict } = build(model);
    const y = await predict(init(template([1, 2])), tensor([[-2, 2]]));
    expect(y.toArray()).toEqual([[-1, 2]]);
  });

  it('refuses unknown activation names, listing the known ones', () => {
    expect(() => activation(input('x'), 'swish' as never)).toThrow(UnknownActivationError);
    expect(() => activation(input('x'), 'swish' as never)).toThrow(
      'activation: unknown activation "swish"; expected one of relu, sigmoid, tanh, softmax, gelu, silu, leakyRelu',
    );
  });
});
