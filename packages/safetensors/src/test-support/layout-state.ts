import { ModelState } from '@qaxon/graph';
import { QTensor, randomNormal, tensor } from '@qaxon/tensor';
import { expect } from 'vitest';

/** Every part and the layout of `back` equal `q`'s, bit for bit. */
export function expectSameQTensor(back: unknown, q: QTensor): void {
  expect(back).toBeInstanceOf(QTensor);
  const b = back as QTensor;
  expect([b.bits, b.axis, b.groupSize]).toEqual([q.bits, q.axis, q.groupSize]);
  expect(b.value.shape).toEqual(q.value.shape);
  expect(b.scale.shape).toEqual(q.scale.shape);
  expect(b.zeroPoint.shape).toEqual(q.zeroPoint.shape);
  expect(Array.from(b.value.data)).toEqual(Array.from(q.value.data));
  expect(Array.from(b.scale.data)).toEqual(Array.from(q.scale.data));
  expect(Array.from(b.zeroPoint.data)).toEqual(Array.from(q.zeroPoint.data));
}

/** A 4-bit kernel, a group-wise kernel, a square per-row table (which would load as per-column without its layout), and a per-channel int8 kernel. */
export function layoutState(): { state: ModelState; fourBit: QTensor; grouped: QTensor; perRow: QTensor; int8: QTensor } {
  const fourBit = QTensor.fromTensor(randomNormal([12, 5], { seed: 1 }), { bits: 4 });
  const grouped = QTensor.fromTensor(randomNormal([16, 6], { seed: 2 }), { groupSize: 4, bits: 4 });
  const perRow = QTensor.fromTensor(randomNormal([8, 8], { seed: 3 }), { axis: 0 });
  const int8 = QTensor.fromTensor(randomNormal([8, 3], { seed: 4 }));
  const state = ModelState.empty()
    .set('dense_0', 'kernel', fourBit)
    .set('dense_1', 'kernel', grouped)
    .set('embedding', 'table', perRow)
    .set('dense_2', 'kernel', int8)
    .set('dense_2', 'bias', tensor([1, 2, 3]));
  return { state, fourBit, grouped, perRow, int8 };
}
