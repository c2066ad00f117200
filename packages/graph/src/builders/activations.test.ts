import { referenceBackend } from '@qaxon/kernel-reference';
import { randomNormal, runOp, template, tensor, type Tensor } from '@qaxon/tensor';
import { oracleActivation } from '../test-support/activation-oracle.js';
import { describe, expect, it } from 'vitest';
import {
  ACTIVATION_NAMES,
  ModelState,
  UnknownActivationError,
  activation,
  build,
  gelu,
  geluTanh,
  input,
  leakyRelu,
  logSoftmax,
  properties,
  relu,
  sigmoid,
  silu,
  softmax,
  tanh,
} from '../index.js';

const builders = { relu, sigmoid, tanh, softmax, logSoftmax, gelu, geluTanh, silu, leakyRelu };

/** graph 0.1's maths where it had the activation; the reference backend's op for the ones it lacked. */
function expected(name: (typeof ACTIVATION_NAMES)[number], x: Tensor): Promise<Tensor> | Tensor {
  if (name === 'geluTanh') return runOp(referenceBackend, 'geluTanh', { x }, {});
  if (name === 'logSoftmax') return runOp(referenceBackend, 'logSoftmax', { x }, { axis: -1 });
  return oracleActivation(name, x);
}

const init0 = () => ModelState.empty();

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
      expect([...y.data]).toEqual([...(await expected(name, x)).data]);
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

  it('softmax and logSoftmax take an axis (negative counts from the end) and refuse a non-integer one, naming the layer', async () => {
    const x = randomNormal([2, 3, 4], { seed: 5 });
    for (const [builder, op] of [[softmax, 'softmax'], [logSoftmax, 'logSoftmax']] as const) {
      for (const axis of [0, 1, -2, -1]) {
        const y = await build(builder(input('x'), { axis })).predict(init0(), x);
        expect([...y.data]).toEqual([...(await runOp(referenceBackend, op, { x }, { axis })).data]);
      }
      expect(() => builder(input('x'), { axis: 0.5, name: 'probs' })).toThrow(`${op} 'probs': expected option axis to be an integer, got 0.5`);
    }
    const logProbabilities = (await build(logSoftmax(input('x'), { axis: 1 })).predict(init0(), x)).data;
    const probabilities = (await build(softmax(input('x'), { axis: 1 })).predict(init0(), x)).data;
    probabilities.forEach((p, i) => expect(Math.log(p)).toBeCloseTo(logProbabilities[i]!, 5));
  });

  it('geluTanh is the tanh approximation 0.5·x·(1 + tanh(sqrt(2/π)(x + 0.044715x³)))', async () => {
    const x = tensor([-3, -1, -0.1, 0, 0.5, 2, 4]);
    const y = await build(geluTanh(input('x'))).predict(init0(), x);
    const formula = (v: number) => 0.5 * v * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (v + 0.044715 * v ** 3)));
    [...x.data].forEach((v, i) => expect(y.data[i]).toBeCloseTo(formula(v), 6));
  });

  it('refuses unknown activation names, listing the known ones', () => {
    expect(() => activation(input('x'), 'swish' as never)).toThrow(UnknownActivationError);
    expect(() => activation(input('x'), 'swish' as never)).toThrow(
      'activation: unknown activation "swish"; expected one of relu, sigmoid, tanh, softmax, logSoftmax, gelu, geluTanh, silu, leakyRelu',
    );
  });
});
