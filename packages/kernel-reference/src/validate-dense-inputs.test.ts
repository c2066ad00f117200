import { DTypeError, QTensor, ShapeError, ValueError, ones, tensor, zeros } from '@qaxon/tensor';
import { describe, expect, it } from 'vitest';
import { validateDenseInputs } from './validate-dense-inputs.js';

const q = QTensor.fromTensor(ones([4, 10]));
const w = ones([4, 10]);

describe('validateDenseInputs', () => {
  it('returns rows, inner, units and the output shape for every rank >= 1 and both kernel kinds', () => {
    expect(validateDenseInputs('quantizedDense', ones([2, 3, 4]), q, 0.5)).toEqual({ rows: 6, inner: 4, units: 10, outputShape: [2, 3, 10] });
    expect(validateDenseInputs('dense', ones([4]), w, undefined)).toEqual({ rows: 1, inner: 4, units: 10, outputShape: [10] });
    expect(validateDenseInputs('dense', ones([5, 4]), w, zeros([10]))).toEqual({ rows: 5, inner: 4, units: 10, outputShape: [5, 10] });
    expect(validateDenseInputs('dense', zeros([0, 4]), w, undefined).rows).toBe(0);
  });

  it('names both sizes and the kernel shape on a K mismatch', () => {
    expect(() => validateDenseInputs('quantizedDense', ones([2, 3]), q, undefined)).toThrow(
      new ShapeError('quantizedDense: x has 3 features on its last axis but the kernel expects 4 (kernel shape [4, 10])'),
    );
    expect(() => validateDenseInputs('dense', ones([7]), w, undefined)).toThrow(
      new ShapeError('dense: x has 7 features on its last axis but the kernel expects 4 (kernel shape [4, 10])'),
    );
  });

  it('refuses a bad x: not a tensor, wrong dtype, rank 0', () => {
    expect(() => validateDenseInputs('dense', [[1, 2, 3, 4]], w, undefined)).toThrow(
      new ValueError('dense: expected x to be an f32 Tensor of rank >= 1, got an array of length 1'),
    );
    expect(() => validateDenseInputs('dense', zeros([2, 4], 's8'), w, undefined)).toThrow(
      new DTypeError("dense: expected x to have dtype 'f32', got 's8' (shape [2, 4])"),
    );
    expect(() => validateDenseInputs('quantizedDense', tensor(3), q, undefined)).toThrow(
      new ShapeError('quantizedDense: expected x to have rank >= 1 ([..., in]), got a rank-0 tensor (shape [])'),
    );
  });

  it('refuses a kernel of the wrong kind, dtype or rank, with a hint', () => {
    expect(() => validateDenseInputs('quantizedDense', ones([1, 4]), w, undefined)).toThrow(
      new ValueError(
        'quantizedDense: expected the kernel to be a QTensor [in, units], got a f32 Tensor of shape [4, 10] (quantize it with QTensor.fromTensor, or call dense for a float kernel)',
      ),
    );
    expect(() => validateDenseInputs('dense', ones([1, 4]), q, undefined)).toThrow(
      new ValueError('dense: expected the kernel to be an f32 Tensor [in, units], got a QTensor of shape [4, 10] (call quantizedDense for a QTensor kernel)'),
    );
    expect(() => validateDenseInputs('dense', ones([1, 4]), null, undefined)).toThrow(ValueError);
    expect(() => validateDenseInputs('quantizedDense', ones([1, 4]), 'kernel', undefined)).toThrow(ValueError);
    expect(() => validateDenseInputs('dense', ones([1, 4]), zeros([4, 10], 's8'), undefined)).toThrow(DTypeError);
    expect(() => validateDenseInputs('dense', ones([1, 4]), ones([4]), undefined)).toThrow(
      new ShapeError('dense: expected a rank-2 kernel [in, units], got shape [4] (rank 1)'),
    );
  });

  it('accepts a bias tensor [units], a finite number or undefined, and refuses everything else', () => {
    expect(() => validateDenseInputs('dense', ones([1, 4]), w, -0)).not.toThrow();
    expect(() => validateDenseInputs('dense', ones([1, 4]), w, zeros([3]))).toThrow(
      new ShapeError('dense: expected bias of shape [10] (one per unit), got shape [3]'),
    );
    expect(() => validateDenseInputs('dense', ones([1, 4]), w, zeros([1, 10]))).toThrow(ShapeError);
    expect(() => validateDenseInputs('dense', ones([1, 4]), w, zeros([10], 's32'))).toThrow(
      new DTypeError("dense: expected bias to have dtype 'f32', got 's32' (shape [10])"),
    );
    expect(() => validateDenseInputs('quantizedDense', ones([1, 4]), q, '0.5')).toThrow(
      new ValueError('quantizedDense: expected bias to be an f32 Tensor of shape [10], a finite number, or undefined, got "0.5"'),
    );
    expect(() => validateDenseInputs('quantizedDense', ones([1, 4]), q, Number.NaN)).toThrow(
      new ValueError('quantizedDense: expected bias to be a finite number, got NaN'),
    );
    expect(() => validateDenseInputs('dense', ones([1, 4]), w, Infinity)).toThrow(ValueError);
    expect(() => validateDenseInputs('dense', ones([1, 4]), w, null)).toThrow(ValueError);
    expect(() => validateDenseInputs('dense', ones([1, 4]), w, [1, 2])).toThrow(ValueError);
  });

  it('checks x before the kernel and the kernel before the bias', () => {
    expect(() => validateDenseInputs('dense', 'x', 'kernel', 'bias')).toThrow(/expected x/);
    expect(() => validateDenseInputs('dense', ones([1, 4]), 'kernel', 'bias')).toThrow(/expected the kernel/);
  });
});
