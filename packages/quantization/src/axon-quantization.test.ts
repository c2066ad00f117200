// Ports of Elixir Axon's own tests for Axon.Quantization (test/axon/quantization_test.exs),
// the three cases the spec lists.
import { ModelState, build, dense, input } from '@qaxon/graph';
import { QTensor, allClose, map, ones, template } from '@qaxon/tensor';
import { describe, expect, it } from 'vitest';
import { layers, quantize, quantizeModelState, weightOnlyQuantizedDense } from './index.js';

describe("Axon's quantization tests", () => {
  it('quantize_model_state: leaves a QTensor at data.dense_0.kernel', () => {
    const model = dense(input('input'), 10, { activation: 'relu' });
    const state = build(model).init(template([1, 1]), ModelState.empty());
    const quantized = quantizeModelState(model, state);
    expect(quantized.data['dense_0']!['kernel']).toBeInstanceOf(QTensor);
  });

  it('quantize: prediction equals relu(Layers.weight_only_quantized_dense(ones, kernel, bias)) by hand', async () => {
    const model = dense(input('input'), 10, { activation: 'relu' });
    const state = build(model).init(template([1, 1]), ModelState.empty());
    const [qModel, qState] = quantize(model, state);
    const x = ones([1, 1]);
    const actual = await build(qModel).predict(qState, x);
    const kernel = qState.data['dense_0']!['kernel'] as QTensor;
    const bias = qState.data['dense_0']!['bias'] as never;
    const expected = map(layers.weightOnlyQuantizedDense(x, kernel, bias), (v) => Math.max(v, 0));
    expect(allClose(actual, expected, { rtol: 0, atol: 0 }).message).toBe('');
  });

  it('weight_only_quantized_dense: initializes and predicts', async () => {
    const model = weightOnlyQuantizedDense(input('input'), 10);
    const { init, predict } = build(model);
    const state = init(template([1, 1]), ModelState.empty());
    expect(state.data['dense_0']!['kernel']).toBeInstanceOf(QTensor);
    const y = await predict(state, ones([1, 1]));
    expect(y.shape).toEqual([1, 10]);
    expect(y.data.every(Number.isFinite)).toBe(true);
  });
});
