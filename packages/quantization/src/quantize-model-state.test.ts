import { ModelState, build, dense, input, layerNorm, relu } from '@qaxon/graph';
import { DTypeError, QTensor, ValueError, ones, tensor, template } from '@qaxon/tensor';
import { describe, expect, it } from 'vitest';
import { QuantizationError, quantizeModelState, weightOnlyQuantizedDense } from './index.js';

function model() {
  return dense(layerNorm(relu(dense(input('x'), 6)), { name: 'norm' }), 3, { name: 'head' });
}

describe('quantizeModelState', () => {
  it('quantizes every dense kernel, freezes those layers, and leaves other layers and the input state alone', () => {
    const m = model();
    const state = build(m).init(template([2, 4]), undefined, { seed: 1 });
    const quantized = quantizeModelState(m, state);
    for (const layer of ['dense_0', 'head']) {
      const kernel = quantized.get(layer, 'kernel') as QTensor;
      expect(kernel).toBeInstanceOf(QTensor);
      expect(kernel.value.data).toEqual(QTensor.fromTensor(state.get(layer, 'kernel') as never).value.data);
      expect(quantized.isFrozen(layer, 'kernel')).toBe(true);
      expect(quantized.isFrozen(layer, 'bias')).toBe(true);
      expect(quantized.get(layer, 'bias')).toBe(state.get(layer, 'bias'));
    }
    expect(quantized.get('norm', 'gamma')).toBe(state.get('norm', 'gamma'));
    expect(quantized.isFrozen('norm', 'gamma')).toBe(false);
    expect(state.get('dense_0', 'kernel')).not.toBeInstanceOf(QTensor);
    expect(state.isFrozen('dense_0', 'bias')).toBe(false);
    expect(quantized.byteSize()).toBeLessThan(state.byteSize());
  });

  it('is a no-op on layers that already hold a QTensor (no double quantization)', () => {
    const m = model();
    const once = quantizeModelState(m, build(m).init(template([1, 4])));
    const twice = quantizeModelState(m, once);
    expect(twice.get('dense_0', 'kernel')).toBe(once.get('dense_0', 'kernel'));
    expect(twice.get('head', 'kernel')).toBe(once.get('head', 'kernel'));
  });

  it('handles weightOnlyQuantizedDense layers and the filter', () => {
    const m = dense(weightOnlyQuantizedDense(input('x'), 5), 2);
    const state = build(m).init(template([1, 3]));
    expect(state.get('dense_0', 'kernel')).toBeInstanceOf(QTensor);
    const quantized = quantizeModelState(m, state, { filter: (node) => node.name !== 'dense_1' });
    expect(quantized.get('dense_0', 'kernel')).toBe(state.get('dense_0', 'kernel'));
    expect(quantized.get('dense_1', 'kernel')).not.toBeInstanceOf(QTensor);
    expect(quantized.isFrozen('dense_1', 'kernel')).toBe(false);
  });

  it('refuses a state without a dense kernel, naming the layer', () => {
    const m = dense(input('x'), 2);
    expect(() => quantizeModelState(m, ModelState.empty())).toThrow(QuantizationError);
    expect(() => quantizeModelState(m, ModelState.empty())).toThrow(
      "quantizeModelState: expected dense layer 'dense_0' to have a 'kernel' in the state, got no parameters for that layer",
    );
    const onlyBias = ModelState.empty().set('dense_0', 'bias', ones([2]));
    expect(() => quantizeModelState(m, onlyBias)).toThrow("got only 'bias'");
  });

  it('refuses kernels that are not float32 or hold NaN, naming the layer and index', () => {
    const m = dense(input('x'), 2);
    const nan = ModelState.empty().set('dense_0', 'kernel', tensor([[1, NaN]]));
    expect(() => quantizeModelState(m, nan)).toThrow(ValueError);
    expect(() => quantizeModelState(m, nan)).toThrow('QTensor.fromTensor (dense_0.kernel): expected finite weights, got NaN at index [0, 1]');
    const ints = ModelState.empty().set('dense_0', 'kernel', tensor([[1, 2]], { dtype: 's32' }));
    expect(() => quantizeModelState(m, ints)).toThrow(DTypeError);
  });
});
