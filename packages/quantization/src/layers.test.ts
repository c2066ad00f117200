import { DTypeError, QTensor, ShapeError, ValueError, ones, randomNormal, reshape, tensor } from '@qaxon/tensor';
import { describe, expect, it } from 'vitest';
import { layers } from './index.js';

describe('layers.weightOnlyQuantizedDense (the raw op)', () => {
  const kernel = new QTensor(tensor([[1, -2], [3, 4]], { dtype: 's8' }), tensor([0.5, 0.25]));

  it('computes scale[n] * sum_k x[k] * value[k][n] + bias[n] (hand-worked)', () => {
    const y = layers.weightOnlyQuantizedDense(tensor([[1, 2]]), kernel, tensor([1, -1]));
    expect(y.toArray()).toEqual([[1 + 0.5 * 7, -1 + 0.25 * 6]]);
  });

  it('takes a number bias or none', () => {
    expect(layers.weightOnlyQuantizedDense(tensor([[1, 2]]), kernel, 2).toArray()).toEqual([[5.5, 3.5]]);
    expect(layers.weightOnlyQuantizedDense(tensor([[1, 2]]), kernel).toArray()).toEqual([[3.5, 1.5]]);
  });

  it('works for rank 1 and rank 3 inputs, restoring leading axes', () => {
    expect(layers.weightOnlyQuantizedDense(tensor([1, 2]), kernel).toArray()).toEqual([3.5, 1.5]);
    const x = randomNormal([2, 3, 2], { seed: 1 });
    const y = layers.weightOnlyQuantizedDense(x, kernel, 1);
    expect(y.shape).toEqual([2, 3, 2]);
    const flat = layers.weightOnlyQuantizedDense(reshape(x, [6, 2]), kernel, 1);
    expect(y.data).toEqual(flat.data);
  });

  it('refuses anything else clearly', () => {
    expect(() => layers.weightOnlyQuantizedDense(ones([1, 3]), kernel)).toThrow(ShapeError);
    expect(() => layers.weightOnlyQuantizedDense(ones([1, 2]), kernel, tensor([1, 2, 3]))).toThrow(ShapeError);
    expect(() => layers.weightOnlyQuantizedDense(ones([1, 2]), kernel, 'x' as never)).toThrow(ValueError);
    expect(() => layers.weightOnlyQuantizedDense(ones([1, 2]), kernel, NaN)).toThrow(ValueError);
    expect(() => layers.weightOnlyQuantizedDense(ones([1, 2]), ones([2, 2]) as never)).toThrow(/QTensor/);
    expect(() => layers.weightOnlyQuantizedDense(tensor([[1, 2]], { dtype: 's32' }) as never, kernel)).toThrow(DTypeError);
  });
});
