import { build, input, properties } from '@qaxon/graph';
import { QTensor, QaxonError, ones, template, tensor, zeros } from '@qaxon/tensor';
import { describe, expect, it } from 'vitest';
import { QuantizationError, quantizedKernelInitializer, weightOnlyQuantizedDense } from './index.js';

describe('weightOnlyQuantizedDense', () => {
  it('reports op name dense, takes Axon options, and initializes an int8 kernel', () => {
    const model = weightOnlyQuantizedDense(input('x'), 3, { name: 'q', meta: { note: 'int8' }, useBias: false });
    expect(properties(model)).toEqual({ x: 'input', q: 'dense' });
    const node = model.nodes[model.output]!;
    expect(node.meta).toEqual({ note: 'int8' });
    const state = build(model).init(template([1, 4]));
    expect(state.data['q']).toEqual({ kernel: expect.any(QTensor) });
    expect((state.get('q', 'kernel') as QTensor).shape).toEqual([4, 3]);
  });

  it('uses a kernel initializer function and a bias initializer name', async () => {
    const model = weightOnlyQuantizedDense(input('x'), 2, {
      kernelInitializer: (shape) => tensor([[1, -2], [0.5, 4]].slice(0, shape[0])),
      biasInitializer: 'ones',
    });
    const state = build(model).init(template([1, 2]));
    const kernel = state.get('dense_0', 'kernel') as QTensor;
    expect(kernel.value.toArray()).toEqual([[127, -64], [64, 127]]);
    const y = await build(model).predict(state, ones([1, 2]));
    // (127 + 64) * 1/127.5 + 1 and (-64 + 127) * 4/127.5 + 1, in float32
    expect(y.data[0]).toBeCloseTo(1 + 191 / 127.5, 5);
    expect(y.data[1]).toBeCloseTo(1 + (63 * 4) / 127.5, 5);
  });

  it('accepts an initializer that already returns a QTensor', () => {
    const given = QTensor.fromTensor(ones([2, 2]));
    const init = quantizedKernelInitializer(() => given);
    expect(init([2, 2], 'f32', 0)).toBe(given);
    expect(() => quantizedKernelInitializer((() => 'x') as never)([1], 'f32', 0)).toThrow(QuantizationError);
    expect(() => quantizedKernelInitializer((() => 'x') as never)([1], 'f32', 0)).toThrow(QaxonError);
  });

  it('refuses bad units and useBias', () => {
    expect(() => weightOnlyQuantizedDense(input('x'), 0)).toThrow('weightOnlyQuantizedDense: expected units to be a positive integer, got 0');
    expect(() => weightOnlyQuantizedDense(input('x'), 2, { useBias: 'yes' as never })).toThrow(QuantizationError);
    expect(zeros([1]).size).toBe(1);
  });
});
