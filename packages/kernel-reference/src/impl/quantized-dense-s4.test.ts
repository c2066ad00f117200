import { QTensor, packInt4, randomNormal } from '@qaxon/tensor';
import { describe, expect, it } from 'vitest';
import { quantizedDenseGrouped } from './quantized-dense-grouped.js';
import { quantizedDenseS4 } from './quantized-dense-s4.js';
import { quantizedDenseS8 } from './quantized-dense-s8.js';

describe('quantizedDenseS4', () => {
  it('equals quantizedDenseGrouped on the unpacked values, bit for bit, where groups divide inner', () => {
    const q = QTensor.fromTensor(randomNormal([64, 7], { seed: 1 }), { type: 's4', groupSize: 16 });
    const x = randomNormal([3, 64], { seed: 2 }).data;
    const bias = randomNormal([7], { seed: 3 }).data;
    const packed = quantizedDenseS4(x, 3, 64, q.value.data, q.scale.data, undefined, 7, 16, bias);
    const unpacked = quantizedDenseGrouped(x, 3, 64, q.unpackedValues().data, q.scale.data, undefined, 7, 16, bias);
    expect(packed).toEqual(unpacked);
  });

  it('with one scale per unit equals quantizedDenseS8 on the unpacked values (odd inner)', () => {
    const q = QTensor.fromTensor(randomNormal([9, 4], { seed: 4 }), { type: 's4' });
    const x = randomNormal([2, 9], { seed: 5 }).data;
    const packed = quantizedDenseS4(x, 2, 9, q.value.data, q.scale.data, undefined, 4, undefined, undefined);
    expect(packed).toEqual(quantizedDenseS8(x, 2, 9, q.unpackedValues().data, q.scale.data, q.zeroPoint.data, 4, undefined));
  });

  it('sums a shorter last group on its own scale, with zero points', () => {
    // inner 5 in groups of 4: group 0 rows 0..3, group 1 row 4.
    const values = new Int8Array([1, 2, 3, 4, -8]);
    const packed = packInt4(values, 5, 1);
    const y = quantizedDenseS4(new Float32Array([1, 1, 1, 1, 2]), 1, 5, packed, new Float32Array([0.5, 0.25]), new Int8Array([1, -1]), 1, 4, 1);
    // 0.5 * (0 + 1 + 2 + 3) + 0.25 * (2 * (-8 + 1)) + 1
    expect([...y]).toEqual([0.5 * 6 + 0.25 * -14 + 1]);
  });

  it('refuses an odd group size and wrong buffer sizes', () => {
    expect(() => quantizedDenseS4(new Float32Array(4), 1, 4, new Int8Array(2), new Float32Array(2), undefined, 1, 3, undefined)).toThrow(/even groupSize/);
    expect(() => quantizedDenseS4(new Float32Array(5), 1, 5, new Int8Array(2), new Float32Array(1), undefined, 1, undefined, undefined)).toThrow(/packed to hold 3 elements, got 2/);
  });
});
