import { describe, expect, it } from 'vitest';
import { build, properties, ModelState } from '@qaxon/graph';
import { readSafetensors } from '@qaxon/safetensors';
import { loadState } from '@qaxon/safetensors/node';
import { readFileSync } from 'node:fs';
import { ones, template, zeros } from '@qaxon/tensor';
import { DENSE_KERNEL_SHAPES } from './architecture.js';
import { WeightsError, checkFloatState, loadFloatState, mnistModel } from './model.js';
import { FLOAT_WEIGHTS_PATH } from './paths.js';

describe('mnistModel', () => {
  it('is input -> dense/relu -> dense/relu -> dense/softmax with qaxon names', () => {
    expect(properties(mnistModel())).toEqual({
      pixels: 'input',
      dense_0: 'dense',
      relu_0: 'relu',
      dense_1: 'dense',
      relu_1: 'relu',
      dense_2: 'dense',
      softmax_0: 'softmax',
    });
    expect(DENSE_KERNEL_SHAPES).toEqual({ dense_0: [784, 256], dense_1: [256, 128], dense_2: [128, 10] });
  });

  it('initializes parameters of the shapes the weights file holds', () => {
    const state = build(mnistModel()).init(template([1, 784]), undefined, { seed: 0 });
    expect(() => checkFloatState(state, 'init')).not.toThrow();
  });
});

describe('the committed float weights (trained with TensorFlow.js)', () => {
  it('are a plain safetensors file of f32 tensors under qaxon names, with the training recorded', () => {
    const contents = readSafetensors(readFileSync(FLOAT_WEIGHTS_PATH));
    expect(Object.keys(contents.tensors).sort()).toEqual(['dense_0.bias', 'dense_0.kernel', 'dense_1.bias', 'dense_1.kernel', 'dense_2.bias', 'dense_2.kernel']);
    expect(contents.tensors['dense_0.kernel']!.shape).toEqual([784, 256]);
    expect(contents.metadata?.trainedWith).toMatch(/^@tensorflow\/tfjs 4\.22\.0/);
  });

  it('load into the graph and give probabilities', async () => {
    const state = await loadFloatState(FLOAT_WEIGHTS_PATH);
    expect(state.parameterCount()).toBe(235_146);
    expect(state.byteSize()).toBe(4 * 235_146);
    const probabilities = await build(mnistModel()).predict(state, ones([2, 784]));
    expect(probabilities.shape).toEqual([2, 10]);
    const rowSum = Array.from(probabilities.data.subarray(0, 10)).reduce((sum, value) => sum + value, 0);
    expect(rowSum).toBeCloseTo(1, 5);
  });
});

describe('checkFloatState', () => {
  it('names the missing, misshapen or extra parameter', async () => {
    const state = await loadState(FLOAT_WEIGHTS_PATH);
    const data = Object.fromEntries(state.layers().map((layer) => [layer, { ...state.data[layer] }]));
    const without = { ...data, dense_1: { kernel: data.dense_1!.kernel! } };
    expect(() => checkFloatState(ModelState.fromData(without), 'f.safetensors')).toThrow(WeightsError);
    expect(() => checkFloatState(ModelState.fromData(without), 'f.safetensors')).toThrow(
      'f.safetensors: expected dense_1.bias to be an f32 tensor of shape [128], got nothing',
    );
    const misshapen = { ...data, dense_2: { ...data.dense_2, kernel: zeros([10, 128]) } };
    expect(() => checkFloatState(ModelState.fromData(misshapen), 'f')).toThrow('f: expected dense_2.kernel to be an f32 tensor of shape [128, 10], got f32[10][128]');
    const extra = { ...data, dense_3: { bias: zeros([3]) } };
    expect(() => checkFloatState(ModelState.fromData(extra), 'f')).toThrow('got an extra parameter dense_3.bias');
  });
});
