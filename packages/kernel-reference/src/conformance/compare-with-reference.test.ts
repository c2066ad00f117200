import { QTensor, ones, tensor, zeros } from '@qaxon/tensor';
import { describe, expect, it } from 'vitest';
import { compareWithReference } from './compare-with-reference.js';
import { accumulationMagnitudes } from './magnitudes.js';
import { FLOAT32_ACCUMULATION } from './precision.js';

const exact = { relative: 0, absolute: 0 };

describe('compareWithReference', () => {
  it('passes the reference result itself, with worstRatio 0', () => {
    const verdict = compareWithReference({ kernelName: 'dense', x: ones([2, 2]), kernel: ones([2, 3]), bias: 1, actual: tensor([[3, 3, 3], [3, 3, 3]]), precision: exact });
    expect(verdict).toEqual({ ok: true, message: '', mismatches: 0, worstRatio: 0 });
  });

  it('reports the first bad [m, n], both values, the difference and the tolerance', () => {
    const actual = tensor([[2, 2, 2], [2, 2.5, 2]]);
    const verdict = compareWithReference({ kernelName: 'dense', x: ones([2, 2]), kernel: ones([2, 3]), actual, precision: { relative: 0.01, absolute: 0.001 }, label: 'dense "demo"' });
    // tolerance = 0.001 + 0.01 * (2 + 2) * 2
    expect(verdict.firstMismatch).toEqual({ index: [1, 1], actual: 2.5, expected: 2, difference: 0.5, tolerance: 0.081 });
    expect(verdict.message).toBe(
      'dense "demo": 1 of 6 outputs differ from the reference beyond tolerance; first at [1, 1]: got 2.5, expected 2, difference 0.5 > tolerance 0.081 (absolute 0.001 + relative 0.01 * (K 2 + 2) * magnitude 2)',
    );
  });

  it('treats NaN as a mismatch and refuses results of the wrong kind, dtype or shape', () => {
    const base = { kernelName: 'dense' as const, x: ones([1, 2]), kernel: ones([2, 2]), precision: FLOAT32_ACCUMULATION };
    expect(compareWithReference({ ...base, actual: tensor([[Number.NaN, 2]]) }).firstMismatch?.index).toEqual([0, 0]);
    expect(compareWithReference({ ...base, actual: [[2, 2]] }).message).toBe('dense: expected an f32 Tensor of shape [1, 2], got an object (Array) without shape/data');
    expect(compareWithReference({ ...base, actual: undefined }).message).toContain('got undefined');
    expect(compareWithReference({ ...base, actual: zeros([1, 2], 's32') }).message).toContain('expected an f32 Tensor (Float32Array data), got dtype s32');
    expect(compareWithReference({ ...base, actual: ones([2]) }).message).toBe('dense: expected shape [1, 2], got [2]');
    // A tensor from another copy of @qaxon/tensor (same fields, other class) is accepted.
    expect(compareWithReference({ ...base, actual: { shape: [1, 2], dtype: 'f32', data: new Float32Array([2, 2]) } }).ok).toBe(true);
  });

  it('scales the tolerance with K and the magnitude Σ|x w| + |bias|, not with |y|', () => {
    // y = 1*1 + 1*(-1) = 0 exactly, magnitude 2 (+ 0.5 bias): a float32 sum may leave a residue.
    const x = tensor([[1, 1]]);
    const w = tensor([[1], [-1]]);
    expect([...accumulationMagnitudes('dense', x, w, 0.5)]).toEqual([2.5]);
    const tolerance = 2 ** -23 * (2 + 2) * 2.5;
    const within = compareWithReference({ kernelName: 'dense', x, kernel: w, bias: 0.5, actual: tensor([[0.5 + tolerance / 2]]), precision: { relative: 2 ** -23, absolute: 0 } });
    expect(within.ok).toBe(true);
    expect(within.worstRatio).toBeCloseTo(0.5, 1);
  });

  it('uses the dequantized weight (value - zeroPoint) * scale for QTensor magnitudes', () => {
    const q = new QTensor(tensor([[10, -20]], { dtype: 's8' }), tensor([0.5, 0.25]), tensor([2, -4], { dtype: 's8' }));
    // |x| * |value - zeroPoint| * scale + |bias| = 3 * 8 * 0.5 + 1, 3 * 16 * 0.25 + 1
    expect([...accumulationMagnitudes('quantizedDense', tensor([[-3]]), q, tensor([1, -1]))]).toEqual([13, 13]);
    const y = compareWithReference({ kernelName: 'quantizedDense', x: tensor([[-3]]), kernel: q, bias: tensor([1, -1]), actual: tensor([[-11, 11]]), precision: exact });
    expect(y.ok).toBe(true);
    expect(y.worstRatio).toBe(0);
  });
});
