import { ModelState } from '@qaxon/graph';
import { QTensor, randomNormal, tensor, type Tensor } from '@qaxon/tensor';
import { describe, expect, it } from 'vitest';
import { fromSafetensors, readSafetensors, SafetensorsError, toSafetensors, writeSafetensors } from './index.js';
import { expectSameQTensor, layoutState } from './test-support/layout-state.js';

describe('QTensor layouts in safetensors files', () => {
  it('round-trips 4-bit, group-wise and per-row (square) QTensors with their layouts', () => {
    const { state, fourBit, grouped, perRow, int8 } = layoutState();
    const bytes = toSafetensors(state);
    const { metadata, tensors } = readSafetensors(bytes);
    expect(metadata['qaxon.format']).toBe('3');
    expect(JSON.parse(metadata['qaxon.quantization']!)).toEqual({
      dense_0: { kernel: { bits: 4, axis: 1, packed: 'int4-pairs-along-axis-0', rows: 12 } },
      dense_1: { kernel: { bits: 4, axis: 1, groupSize: 4, packed: 'int4-pairs-along-axis-0', rows: 16 } },
      embedding: { table: { bits: 8, axis: 0 } },
    });
    expect(tensors['dense_1.kernel.scale']!.shape).toEqual([4, 6]);
    const back = fromSafetensors(bytes);
    expectSameQTensor(back.get('dense_0', 'kernel'), fourBit);
    expectSameQTensor(back.get('dense_1', 'kernel'), grouped);
    expectSameQTensor(back.get('embedding', 'table'), perRow);
    expectSameQTensor(back.get('dense_2', 'kernel'), int8);
    expect(Array.from((back.get('embedding', 'table') as QTensor).dequantize().data)).toEqual(Array.from(perRow.dequantize().data));
  });

  it('writes per-channel int8 QTensors exactly as before layouts: format "1", no qaxon.quantization', () => {
    const q = QTensor.fromTensor(tensor([[1, -2], [3, 4]]));
    const explicit = new QTensor(q.value, q.scale, q.zeroPoint, { bits: 8, axis: 1 });
    const bytes = toSafetensors(ModelState.empty().set('d', 'k', explicit));
    expect(readSafetensors(bytes).metadata).toEqual({ 'qaxon.format': '1', 'qaxon.parameters': '{"d":{"k":"qtensor"}}', 'qaxon.frozen': '[]' });
    expect(bytes).toEqual(
      writeSafetensors(
        { 'd.k.value': q.value, 'd.k.scale': q.scale, 'd.k.zero_point': q.zeroPoint },
        { 'qaxon.format': '1', 'qaxon.parameters': '{"d":{"k":"qtensor"}}', 'qaxon.frozen': '[]' },
      ),
    );
  });
});

describe('malformed QTensor layout metadata is refused, naming the entry', () => {
  const table = QTensor.fromTensor(randomNormal([4, 4], { seed: 5 }), { axis: 0 });
  const grouped = QTensor.fromTensor(randomNormal([4, 2], { seed: 6 }), { groupSize: 2 });
  const parts = (q: QTensor) => ({ 'e.t.value': q.value, 'e.t.scale': q.scale, 'e.t.zero_point': q.zeroPoint });
  const base = { 'qaxon.format': '2', 'qaxon.parameters': '{"e":{"t":"qtensor"}}', 'qaxon.frozen': '[]' };
  const load = (tensors: Record<string, Tensor>, layout: string | undefined, extra: Record<string, string> = {}) => () =>
    fromSafetensors(writeSafetensors(tensors, { ...base, ...(layout === undefined ? {} : { 'qaxon.quantization': layout }), ...extra }));

  it('loads the well-formed file', () => {
    expectSameQTensor(load(parts(table), '{"e":{"t":{"bits":8,"axis":0}}}')().get('e', 't'), table);
  });

  it('refuses unknown bits, a bad axis, unknown fields and a missing layout', () => {
    const entry = /metadata "qaxon.quantization": layer "e" parameter "t": /;
    expect(load(parts(table), '{"e":{"t":{"bits":2,"axis":0}}}')).toThrow(SafetensorsError);
    expect(load(parts(table), '{"e":{"t":{"bits":2,"axis":0}}}')).toThrow(entry);
    expect(load(parts(table), '{"e":{"t":{"bits":2,"axis":0}}}')).toThrow(/expected "bits" to be 8 or 4, found 2/);
    expect(load(parts(table), '{"e":{"t":{"axis":0}}}')).toThrow(/expected "bits" to be 8 or 4, found none/);
    expect(load(parts(table), '{"e":{"t":{"bits":8,"axis":2}}}')).toThrow(/expected "axis" to be 0 or 1, found 2/);
    expect(load(parts(table), '{"e":{"t":{"bits":8}}}')).toThrow(/expected "axis" to be 0 or 1, found none/);
    expect(load(parts(table), '{"e":{"t":{"bits":8,"axis":0,"zeroPoints":true}}}')).toThrow(/expected only the fields "bits", "axis", "groupSize", "packed" and "rows", found "zeroPoints"/);
    expect(load(parts(table), '{"e":{"t":{"bits":8,"axis":0,"groupSize":0}}}')).toThrow(/expected "groupSize" to be a positive integer/);
    expect(load(parts(table), '{"e":{"t":"s4"}}')).toThrow(/expected a layout \{"bits": 8 \| 4, "axis": 0 \| 1, "groupSize"\?\}, found "s4"/);
    expect(load(parts(table), '{"e":')).toThrow(/metadata "qaxon.quantization": expected JSON .*found invalid JSON/);
    expect(load(parts(table), '{"x":{"t":{"bits":8,"axis":0}}}')).toThrow(/layer "x" parameter "t": expected a QTensor parameter/);
    expect(load(parts(table), undefined)).toThrow(/"qaxon.format" is "2", but "qaxon.quantization" is missing/);
    expect(load(parts(table), '{"e":{"t":{"bits":8,"axis":0}}}', { 'qaxon.format': '1' })).toThrow(/"qaxon.quantization" comes with format "2"/);
  });

  it('refuses a group size that does not divide the reduced axis, and scales of the wrong shape for the layout', () => {
    expect(load(parts(grouped), '{"e":{"t":{"bits":8,"axis":1,"groupSize":3}}}')).toThrow(
      /QTensor "e.t": metadata "qaxon.quantization" gives groupSize 3, which does not divide axis 0 \(size 4\) of its values \[4, 2\]; expected a divisor of 4/,
    );
    expect(load(parts(grouped), '{"e":{"t":{"bits":8,"axis":1,"groupSize":1}}}')).toThrow(
      /expected tensor "e.t.scale" to be F32 of shape \[4, 2\] \(layout \{"bits":8,"axis":1,"groupSize":1\} in metadata "qaxon.quantization"\), found f32 \[2, 2\]/,
    );
    // Group-wise scales without their layout: the per-channel shape is expected.
    expect(load(parts(grouped), undefined, { 'qaxon.format': '1' })).toThrow(/expected tensor "e.t.scale" to be F32 of shape \[2\], found f32 \[2, 2\]/);
    // Per-row scales of a non-square table under the default layout.
    const wide = QTensor.fromTensor(randomNormal([3, 5], { seed: 7 }), { axis: 0 });
    expect(load(parts(wide), '{"e":{"t":{"bits":8,"axis":1}}}')).toThrow(/expected tensor "e.t.scale" to be F32 of shape \[5\]/);
  });

  it('refuses 4-bit values out of [-8, 7], naming the tensor', () => {
    const q = QTensor.fromTensor(randomNormal([2, 2], { seed: 8 }));
    expect(load(parts(q), '{"e":{"t":{"bits":4,"axis":1}}}')).toThrow(/QTensor "e.t": tensor "e.t.value": expected every 4-bit value in \[-8, 7\], got -?\d+ at value index/);
  });
});
