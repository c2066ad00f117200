import { ModelState } from '@qaxon/graph';
import { QTensor, randomNormal, tensor, type Tensor } from '@qaxon/tensor';
import { describe, expect, it } from 'vitest';
import { fromSafetensors, readSafetensors, SafetensorsError, toSafetensors, writeSafetensors } from './index.js';
import { expectSameQTensor } from './test-support/layout-state.js';

describe('s4 QTensors in safetensors files (format 3)', () => {
  it('stores packed bytes and scales, no all-zero zero points, and loads them back bit for bit', () => {
    const q = QTensor.fromTensor(randomNormal([45, 6], { seed: 1 }), { type: 's4', groupSize: 32 });
    const bytes = toSafetensors(ModelState.empty().set('d', 'kernel', q));
    const { metadata, tensors } = readSafetensors(bytes);
    expect(metadata['qaxon.format']).toBe('3');
    expect(JSON.parse(metadata['qaxon.quantization']!)).toEqual({ d: { kernel: { bits: 4, axis: 1, groupSize: 32, packed: 'int4-pairs-along-axis-0', rows: 45 } } });
    expect(Object.keys(tensors).sort()).toEqual(['d.kernel.scale', 'd.kernel.value']);
    expect(tensors['d.kernel.value']!.shape).toEqual([23, 6]);
    expect(tensors['d.kernel.scale']!.shape).toEqual([2, 6]);
    const back = fromSafetensors(bytes).get('d', 'kernel') as QTensor;
    expectSameQTensor(back, q);
    expect(back.type).toBe('s4');
    expect(back.byteSize).toBe(q.byteSize);
    expect(back.dequantize().data).toEqual(q.dequantize().data);
  });

  it('keeps zero points that are not all 0', () => {
    const q = new QTensor(tensor([[1, -2], [3, 4], [-8, 7]], { dtype: 's8' }), tensor([[0.5, 0.25], [1, 2]]), tensor([[1, 0], [-1, 7]], { dtype: 's8' }), { bits: 4, groupSize: 2 });
    const bytes = toSafetensors(ModelState.empty().set('d', 'kernel', q));
    expect(readSafetensors(bytes).tensors['d.kernel.zero_point']!.shape).toEqual([2, 2]);
    expectSameQTensor(fromSafetensors(bytes).get('d', 'kernel'), q);
  });

  it('loads format-2 files whose 4-bit values are one per byte, packing them', () => {
    const q = QTensor.fromTensor(randomNormal([16, 5], { seed: 2 }), { type: 's4', groupSize: 4 });
    const unpacked = q.unpackedValues();
    const bytes = writeSafetensors(
      { 'd.k.value': unpacked, 'd.k.scale': q.scale, 'd.k.zero_point': q.zeroPoint },
      { 'qaxon.format': '2', 'qaxon.parameters': '{"d":{"k":"qtensor"}}', 'qaxon.frozen': '[]', 'qaxon.quantization': '{"d":{"k":{"bits":4,"axis":1,"groupSize":4}}}' },
    );
    const back = fromSafetensors(bytes).get('d', 'k') as QTensor;
    expect(back.value.data).toEqual(q.value.data);
    expect(back.dequantize().data).toEqual(q.dequantize().data);
  });

  describe('refuses bad packed data, naming the tensor', () => {
    const q = QTensor.fromTensor(randomNormal([9, 3], { seed: 3 }), { type: 's4', groupSize: 4 });
    const base = { 'qaxon.format': '3', 'qaxon.parameters': '{"e":{"t":"qtensor"}}', 'qaxon.frozen': '[]' };
    const load = (tensors: Record<string, Tensor>, layout: string, extra: Record<string, string> = {}) => () =>
      fromSafetensors(writeSafetensors(tensors, { ...base, 'qaxon.quantization': layout, ...extra }));
    const layout = (fields: string) => `{"e":{"t":{"bits":4,"axis":1,"groupSize":4,"packed":"int4-pairs-along-axis-0",${fields}}}}`;

    it('a byte count that does not match the rows', () => {
      expect(load({ 'e.t.value': q.value, 'e.t.scale': q.scale }, layout('"rows":11'))).toThrow(
        /QTensor "e.t": tensor "e.t.value" holds \[5, 3\] bytes, but metadata "qaxon.quantization" gives packed 4-bit values of 11 rows; expected \[6, 3\]/,
      );
      try {
        load({ 'e.t.value': q.value, 'e.t.scale': q.scale }, layout('"rows":11'))();
      } catch (error) {
        expect((error as SafetensorsError).tensorName).toBe('e.t.value');
      }
    });

    it('padding nibbles that are not 0, a missing or bad "rows", packed 8 bits, packed in format 2, an odd group along in', () => {
      const padded = new Int8Array(q.value.data);
      padded[4 * 3] = 0x70;
      const bad = { 'e.t.value': tensor(Array.from({ length: 5 }, (_, r) => Array.from(padded.subarray(r * 3, r * 3 + 3))), { dtype: 's8' }), 'e.t.scale': q.scale };
      expect(load(bad, layout('"rows":9'))).toThrow(/tensor "e.t.value": expected the high nibbles of the last byte row to be 0/);
      expect(load({ 'e.t.value': q.value, 'e.t.scale': q.scale }, '{"e":{"t":{"bits":4,"axis":1,"groupSize":4,"packed":"int4-pairs-along-axis-0"}}}')).toThrow(/expected "rows" .* found none/);
      expect(load({ 'e.t.value': q.value, 'e.t.scale': q.scale }, '{"e":{"t":{"bits":8,"axis":1,"packed":"int4-pairs-along-axis-0","rows":9}}}')).toThrow(/expected "bits" 4 with "packed"/);
      expect(load({ 'e.t.value': q.value, 'e.t.scale': q.scale }, layout('"rows":9'), { 'qaxon.format': '2' })).toThrow(/packed 4-bit values, which come with format "3"/);
      expect(load({ 'e.t.value': q.value, 'e.t.scale': q.scale }, '{"e":{"t":{"bits":4,"axis":1,"groupSize":3,"packed":"int4-pairs-along-axis-0","rows":9}}}')).toThrow(SafetensorsError);
    });
  });
});
