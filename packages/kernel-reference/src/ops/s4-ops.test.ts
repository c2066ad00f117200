import { QTensor, randomNormal, tensor } from '@qaxon/tensor';
import { describe, expect, it } from 'vitest';
import { call } from '../test-support/call.js';

describe('reference ops on s4 (packed) kernels', () => {
  const w = randomNormal([9, 5], { seed: 11 });
  const x = randomNormal([3, 9], { seed: 12 });
  const s4 = QTensor.fromTensor(w, { type: 's4' });
  // The same 4-bit values as an 8-bit QTensor: one value per byte, the same scales.
  const wide = new QTensor(s4.unpackedValues(), s4.scale);

  it('quantizedDense equals the same values held one per byte (per output unit)', () => {
    expect(call('quantizedDense', { x, kernel: s4 }).data).toEqual(call('quantizedDense', { x, kernel: wide }).data);
  });

  it('dynamicQuantizedDense unpacks s4 kernels', () => {
    expect(call('dynamicQuantizedDense', { x, kernel: s4 }).data).toEqual(call('dynamicQuantizedDense', { x, kernel: wide }).data);
  });

  it('gather reads rows of a packed table', () => {
    const table = QTensor.fromTensor(randomNormal([7, 4], { seed: 13 }), { type: 's4', axis: 0 });
    const rows = call('gather', { table, indices: tensor([6, 0, 3], { dtype: 's32' }) }).data;
    const back = table.dequantize().data;
    expect(Array.from(rows)).toEqual([...back.subarray(24, 28), ...back.subarray(0, 4), ...back.subarray(12, 16)]);
  });
});
