import { describe, expect, it } from 'vitest';
import { allClose, tensor } from './index.js';

describe('allClose', () => {
  it('passes within tolerance', () => {
    const result = allClose(tensor([1, 2]), tensor([1, 2 + 1e-7]));
    expect(result.ok).toBe(true);
    expect(result.message).toBe('');
  });

  it('reports where and by how much it failed', () => {
    const result = allClose(tensor([[1, 2], [3, 4]]), tensor([[1, 2], [3.5, 4.5]]), { atol: 0.01, rtol: 0 });
    expect(result).toMatchObject({ ok: false, index: 2, position: [1, 0], actual: 3, expected: 3.5, difference: 0.5, mismatches: 2, maxDifference: 0.5 });
    expect(result.message).toBe('element [1, 0]: actual 3 vs expected 3.5 (difference 0.5 > tolerance 0.01); 2 of 4 elements differ, max difference 0.5');
  });

  it('fails on shape mismatch and on NaN unless equalNaN', () => {
    expect(allClose(tensor([1]), tensor([1, 2])).message).toBe('shape [1] does not match expected shape [2]');
    expect(allClose(tensor([NaN]), tensor([NaN])).ok).toBe(false);
    expect(allClose(tensor([NaN]), tensor([NaN]), { equalNaN: true }).ok).toBe(true);
    expect(allClose(tensor([NaN]), tensor([1])).ok).toBe(false);
  });
});
