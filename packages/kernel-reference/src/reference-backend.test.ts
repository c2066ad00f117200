import type { Tensor} from '@qaxon/tensor';
import { DTypeError, QTensor, ShapeError, ValueError, full, matmul, randomNormal, reshape, tensor, zeros } from '@qaxon/tensor';
import { call } from './test-support/call.js';
import { describe, expect, it } from 'vitest';

const s8 = (values: number[][]): Tensor<'s8'> => tensor(values, { dtype: 's8' });

describe('referenceBackend.quantizedDense', () => {
  it('computes the hand-worked example: x=[[1,2]], int8 [[1,-2],[3,4]], scales [0.5, 0.25], bias [1, -1]', () => {
    const q = new QTensor(s8([[1, -2], [3, 4]]), tensor([0.5, 0.25]));
    const y = call('quantizedDense', { x: tensor([[1, 2]]), kernel: q, bias: tensor([1, -1]) });
    // [[1 + 0.5 * (1*1 + 2*3), -1 + 0.25 * (1*-2 + 2*4)]]
    expect(y.toArray()).toEqual([[4.5, 0.5]]);
    expect(y.dtype).toBe('f32');
  });

  it('accepts a bias and no bias', () => {
    const q = new QTensor(s8([[1, -2], [3, 4]]), tensor([0.5, 0.25]));
    expect(call('quantizedDense', { x: tensor([[1, 2]]), kernel: q, bias: full([2], 2) }).toArray()).toEqual([[5.5, 3.5]]);
    expect(call('quantizedDense', { x: tensor([[1, 2]]), kernel: q }).toArray()).toEqual([[3.5, 1.5]]);
  });

  it('subtracts the zero point inside the sum', () => {
    // value - zeroPoint: [[1-1, -2-(-2)], [3-1, 4-(-2)]] = [[0, 0], [2, 6]]
    const q = new QTensor(s8([[1, -2], [3, 4]]), tensor([0.5, 0.25]), tensor([1, -2], { dtype: 's8' }));
    expect(call('quantizedDense', { x: tensor([[1, 2]]), kernel: q }).toArray()).toEqual([[0.5 * 4, 0.25 * 12]]);
  });

  it('keeps leading axes: rank 1 and rank 3', () => {
    const q = new QTensor(s8([[1, -2], [3, 4]]), tensor([0.5, 0.25]));
    expect(call('quantizedDense', { x: tensor([1, 2]), kernel: q, bias: full([2], 1) }).toArray()).toEqual([4.5, 2.5]);
    const x = tensor([[[1, 2], [0, 1]], [[-1, 0], [2, 2]]]);
    const y = call('quantizedDense', { x, kernel: q });
    expect(y.shape).toEqual([2, 2, 2]);
    expect(y.toArray()).toEqual([[[3.5, 1.5], [1.5, 1]], [[-0.5, 0.5], [4, 1]]]);
  });

  it('equals dense with the dequantized kernel for integer-valued inputs (both are exact there)', () => {
    const q = new QTensor(s8([[127, -128, 5], [-1, 0, 64]]), tensor([0.5, 0.25, 2]));
    const x = tensor([[3, -7], [100, 2]]);
    expect(call('quantizedDense', { x, kernel: q, bias: full([3], 1) }).toArray()).toEqual(call('dense', { x, kernel: q.dequantize(), bias: full([3], 1) }).toArray());
  });
});

describe('referenceBackend.dense', () => {
  it('computes x . kernel + bias as Axon does: the dot rounded to float32, then the bias added and rounded', () => {
    const y = call('dense', { x: tensor([[1, 2]]), kernel: tensor([[1, -2], [3, 4]]), bias: tensor([0.5, -0.5]) });
    expect(y.toArray()).toEqual([[7.5, 5.5]]);
    // 0.1 + 0.2 (float32 inputs) summed in float64 then rounded once.
    const z = call('dense', { x: tensor([[1, 1]]), kernel: tensor([[0.1], [0.2]]) });
    expect(z.data[0]).toBe(Math.fround(Math.fround(0.1) + Math.fround(0.2)));
  });

  it('equals an independent m-n-k triple loop in float64, rounded, plus the bias rounded, on seeded rank-3 inputs', () => {
    const x = randomNormal([2, 3, 17], { seed: 1 });
    const w = randomNormal([17, 5], { seed: 2 });
    const y = call('dense', { x, kernel: w, bias: full([5], 0.25) });
    expect(y.shape).toEqual([2, 3, 5]);
    const expected = new Float32Array(6 * 5);
    for (let m = 0; m < 6; m++) {
      for (let n = 0; n < 5; n++) {
        let sum = 0;
        for (let k = 0; k < 17; k++) sum += x.data[m * 17 + k]! * w.data[k * 5 + n]!;
        expected[m * 5 + n] = Math.fround(Math.fround(sum) + 0.25);
      }
    }
    expect([...y.data]).toEqual([...expected]);
    // and agrees with matmul (which rounds before the bias) to float32 precision
    const viaMatmul = matmul(reshape(x, [6, 17]), w).data;
    y.data.forEach((value, i) => expect(value).toBeCloseTo(viaMatmul[i]! + 0.25, 5));
  });

  it('rounds the dot before adding the bias (Nx.dot, then Nx.add), which one final rounding would not', () => {
    // dot = 1 + 2^-24 (exact in float64) rounds to 1 in float32 (a tie, to even); adding the
    // bias 2^-24 again gives 1 + 2^-24 -> 1. One rounding of the float64 sum would give 1 + 2^-23.
    const y = call('dense', { x: tensor([[1, 2 ** -24]]), kernel: tensor([[1], [1]]), bias: tensor([2 ** -24]) });
    expect(y.data[0]).toBe(1);
  });

  it('rounds the bias to float32 first, as Nx does with a scalar added to an f32 tensor', () => {
    const y = call('dense', { x: tensor([[0]]), kernel: tensor([[1]]), bias: tensor([0.1]) });
    expect(y.data[0]).toBe(Math.fround(0.1));
    // 1 + (2^-24 + 2^-60): added as a float64 number it rounds up to 1 + 2^-23; with the bias
    // first rounded to float32 (2^-24) the sum is a tie and rounds to even, 1.
    const z = call('dense', { x: tensor([[1]]), kernel: tensor([[1]]), bias: tensor([2 ** -24 + 2 ** -60]) });
    expect(z.data[0]).toBe(1);
  });

  it('handles empty batches and K = 0 (the result is the bias)', () => {
    expect(call('dense', { x: zeros([0, 3]), kernel: zeros([3, 2]) }).shape).toEqual([0, 2]);
    expect(call('dense', { x: zeros([2, 0]), kernel: zeros([0, 2]), bias: full([2], 1.5) }).toArray()).toEqual([[1.5, 1.5], [1.5, 1.5]]);
  });
});

describe('referenceBackend input validation', () => {
  const q = QTensor.fromTensor(zeros([4, 10]));
  it('refuses a K mismatch with the expected message', () => {
    expect(() => call('quantizedDense', { x: zeros([2, 3]), kernel: q })).toThrow(
      new ShapeError('quantizedDense: x has 3 features on its last axis but the kernel expects 4 (kernel shape [4, 10])'),
    );
  });
  it('refuses wrong kernels, dtypes, ranks and biases', () => {
    expect(() => call('quantizedDense', { x: zeros([2, 4]), kernel: zeros([4, 10]) as never })).toThrow(ValueError);
    expect(() => call('dense', { x: zeros([2, 4]), kernel: q as never })).toThrow(ValueError);
    expect(() => call('dense', { x: zeros([2, 4], 's8') as never, kernel: zeros([4, 10]) })).toThrow(DTypeError);
    expect(() => call('dense', { x: zeros([]), kernel: zeros([1, 10]) })).toThrow(ShapeError);
    expect(() => call('quantizedDense', { x: zeros([2, 4]), kernel: q, bias: zeros([9]) })).toThrow(ShapeError);
    expect(() => call('quantizedDense', { x: zeros([2, 4]), kernel: q, bias: 'x' as never })).toThrow(ValueError);
  });
});
