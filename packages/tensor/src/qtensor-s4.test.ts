import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { QTensor, ShapeError, ValueError, int4At, kernelStamp, packInt4, randomNormal, tensor, unpackInt4 } from './index.js';
import { resolveQTensorLayout } from './qtensor-layout.js';
import { quantizeSymmetric } from './symmetric-quantize.js';

describe('int4 packing', () => {
  it('puts even rows in the low nibble and odd rows in the high one, padding an odd last row with 0', () => {
    const packed = packInt4(new Int8Array([1, -8, -2, 7, 3, -1]), 3, 2);
    expect([...packed].map((b) => b & 0xff)).toEqual([0xe1, 0x78, 0x03, 0x0f]);
    expect(int4At(packed, 2, 0, 1)).toBe(-8);
    expect(int4At(packed, 2, 1, 0)).toBe(-2);
    expect(int4At(packed, 2, 2, 1)).toBe(-1);
  });

  it('round-trips every [rows, columns] of values in [-8, 7] (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 9 }), fc.integer({ min: 1, max: 7 }), fc.integer(), (rows, columns, seed) => {
        const values = Int8Array.from({ length: rows * columns }, (_, i) => (((seed + i * 7919) % 16) + 16) % 16 - 8);
        expect(unpackInt4(packInt4(values, rows, columns), rows, columns)).toEqual(values);
      }),
    );
  });

  it('refuses values outside [-8, 7] and wrong sizes', () => {
    expect(() => packInt4(new Int8Array([0, 8]), 1, 2)).toThrow('expected every 4-bit value in [-8, 7], got 8 at index [0, 1]');
    expect(() => unpackInt4(new Int8Array(3), 3, 2)).toThrow(ValueError);
  });
});

describe('QTensor s4', () => {
  it("fromTensor({ type: 's4', groupSize }) packs the values of the 4-bit quantizer, with a shorter last group", () => {
    const w = randomNormal([37, 5], { seed: 3 });
    const q = QTensor.fromTensor(w, { type: 's4', groupSize: 16 });
    expect([q.type, q.bits, q.groupSize, q.axis]).toEqual(['s4', 4, 16, 1]);
    expect(q.shape).toEqual([37, 5]);
    expect(q.value.shape).toEqual([19, 5]);
    expect(q.scale.shape).toEqual([3, 5]);
    const { values, scales } = quantizeSymmetric(w.data, 37, 5, resolveQTensorLayout([37, 5], { bits: 4, groupSize: 16 }, 'test'));
    expect(q.scale.data).toEqual(scales);
    expect(q.unpackedValues().data).toEqual(values);
    expect(q.value.data).toEqual(packInt4(values, 37, 5));
    expect(String(q)).toBe('QTensor<s4>[37, 5] (groups of 16)');
    // The last group (rows 32..36) has its own scale: its largest magnitude / 7.5.
    let amax = 0;
    for (let k = 32; k < 37; k++) amax = Math.max(amax, Math.abs(w.data[k * 5]!));
    expect(q.scale.data[2 * 5]).toBe(Math.fround(amax / 7.5));
    expect(QTensor.fromTensor(w, { bits: 4, groupSize: 16 }).value.data).toEqual(q.value.data);
  });

  it('dequantizes within half a scale of the weights', () => {
    const w = randomNormal([33, 4], { seed: 4 });
    const q = QTensor.fromTensor(w, { type: 's4', groupSize: 8 });
    const back = q.dequantize().data;
    for (let i = 0; i < w.size; i++) {
      const scale = q.scale.data[Math.floor(Math.floor(i / 4) / 8) * 4 + (i % 4)]!;
      expect(Math.abs(back[i]! - w.data[i]!)).toBeLessThanOrEqual(scale / 2 + 1e-6);
    }
  });

  it('holds K*N/2 + 4*N*ceil(K/g) bytes without zero points (0.156x f32 for groups of 32)', () => {
    const q = QTensor.fromTensor(randomNormal([256, 64], { seed: 5 }), { type: 's4', groupSize: 32 });
    expect(q.byteSize).toBe((256 * 64) / 2 + 4 * 64 * 8);
    expect(q.byteSize / (256 * 64 * 4)).toBeCloseTo(0.156, 3);
    expect(q.quantization).toEqual({ bits: 4, axis: 1, groupSize: 32, symmetric: true, packed: 'int4-pairs-along-axis-0' });
    expect(q.zeroPoint.data.every((z) => z === 0)).toBe(true);
    expect(q.byteSize).toBe((256 * 64) / 2 + 4 * 64 * 8);
  });

  it('the constructor packs unpacked values, keeps packed ones given with packedRows, and checks them', () => {
    const unpacked = tensor([[1, -2], [3, -8], [7, 0]], { dtype: 's8' });
    const scale = tensor([0.5, 0.25]);
    const q = new QTensor(unpacked, scale, undefined, { bits: 4 });
    const again = new QTensor(q.value, scale, undefined, { bits: 4, packedRows: 3 });
    expect(again.value).toBe(q.value);
    expect(again.dequantize().toArray()).toEqual([[0.5, -0.5], [1.5, -2], [3.5, 0]]);
    expect(kernelStamp(again)).toBe(kernelStamp(q));
    expect(() => new QTensor(q.value, scale, undefined, { bits: 4, packedRows: 5 })).toThrow(ShapeError);
    expect(() => new QTensor(q.value, scale, undefined, { packedRows: 3 })).toThrow('packedRows is for 4-bit values given packed (bits: 4)');
    const badPadding = tensor([[0, 0], [0x10, 0]], { dtype: 's8' });
    expect(() => new QTensor(badPadding, scale, undefined, { bits: 4, packedRows: 3 })).toThrow(
      'expected the high nibbles of the last byte row to be 0 (padding of an odd 3 rows), got byte 16 at packed value index [1, 0]',
    );
  });

  it('refuses an odd group size along in, and a type that contradicts bits', () => {
    expect(() => QTensor.fromTensor(randomNormal([8, 2], { seed: 1 }), { type: 's4', groupSize: 3, name: 'd.kernel' })).toThrow(
      /QTensor.fromTensor \(d.kernel\): expected an even groupSize for 4-bit values .* got groupSize 3/,
    );
    expect(() => QTensor.fromTensor(randomNormal([8, 2], { seed: 1 }), { type: 's4', bits: 8 })).toThrow("type 's4' has 4 bits, got bits 8");
    // s8 groups still divide `in`.
    expect(() => QTensor.fromTensor(randomNormal([9, 2], { seed: 1 }), { groupSize: 2 })).toThrow(/divide the reduced axis/);
  });

  it('kernelStamp reads the packed bytes', () => {
    const q = QTensor.fromTensor(randomNormal([64, 8], { seed: 6 }), { type: 's4', groupSize: 32 });
    const before = kernelStamp(q);
    q.value.data[0] = q.value.data[0]! ^ 0x10;
    expect(kernelStamp(q)).not.toBe(before);
  });
});
