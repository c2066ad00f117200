import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  HostHandle,
  QTensor,
  ShapeError,
  type Tensor,
  ValueError,
  inferOpOutput,
  kernelStamp,
  ones,
  perChannelInt8Scales,
  quantizeInt8WithScales,
  randomNormal,
  tensor,
  transpose,
  zeros,
} from './index.js';
import { resolveQTensorLayout, scaleIndexOf } from './qtensor-layout.js';
import { quantizeSymmetric } from './symmetric-quantize.js';

const s8 = (rows: number[][]): Tensor<'s8'> => tensor(rows, { dtype: 's8' });

describe('QTensor layout: the default stays per-channel int8', () => {
  it('has bits 8, axis 1, no group size, and the same values, scales, stamp and string as before', () => {
    const w = randomNormal([37, 11], { seed: 1 });
    const q = QTensor.fromTensor(w);
    expect([q.bits, q.axis, q.groupSize]).toEqual([8, 1, undefined]);
    expect(q.quantization).toEqual({ bits: 8, axis: 1, groupSize: undefined, symmetric: true });
    const scales = perChannelInt8Scales(w.data, 37, 11);
    expect(q.scale.data).toEqual(scales);
    expect(q.value.data).toEqual(quantizeInt8WithScales(w.data, 37, 11, scales));
    expect(String(q)).toBe('QTensor<s8>[37, 11]');
    const explicit = QTensor.fromTensor(w, { bits: 8, axis: -1, groupSize: undefined });
    expect(kernelStamp(explicit)).toBe(kernelStamp(q));
    expect(explicit.byteSize).toBe(37 * 11 + 4 * 11 + 11);
  });

  it('the general quantizer with per-channel int8 is bit-identical to Axon\'s path (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 9 }), fc.integer({ min: 0, max: 1e6 }), fc.double({ min: 1e-30, max: 1e30, noNaN: true }), (rows, columns, seed, magnitude) => {
        const w = randomNormal([rows, columns], { seed, stddev: magnitude });
        const layout = resolveQTensorLayout([rows, columns], {}, 'test');
        const { values, scales } = quantizeSymmetric(w.data, rows, columns, layout);
        const expectedScales = perChannelInt8Scales(w.data, rows, columns);
        expect(scales).toEqual(expectedScales);
        expect(values).toEqual(quantizeInt8WithScales(w.data, rows, columns, expectedScales));
      }),
      { numRuns: 200 },
    );
  });
});

describe('QTensor layout: groups, rows and 4 bits', () => {
  it('quantizes a kernel in groups along `in`, scales [groups, units]', () => {
    const w = tensor([[1, -4], [2, 0], [0.5, 8], [-0.25, 1]]);
    const q = QTensor.fromTensor(w, { groupSize: 2 });
    expect(q.scale.shape).toEqual([2, 2]);
    expect(q.zeroPoint.shape).toEqual([2, 2]);
    expect([...q.scale.data]).toEqual([2, 4, 0.5, 8].map((a) => Math.fround(a / 127.5)));
    expect(q.value.toArray()).toEqual([[64, -127], [127, 0], [127, 127], [-64, 16]]);
    expect(q.groupSize).toBe(2);
    expect(String(q)).toBe('QTensor<s8>[4, 2] (groups of 2)');
    expect(q.byteSize).toBe(8 + 4 * 4 + 4);
  });

  it('with groupSize = in, gives the per-channel values and scales', () => {
    const w = randomNormal([24, 5], { seed: 2 });
    const perChannel = QTensor.fromTensor(w);
    const oneGroup = QTensor.fromTensor(w, { groupSize: 24 });
    expect(oneGroup.scale.shape).toEqual([1, 5]);
    expect(oneGroup.scale.data).toEqual(perChannel.scale.data);
    expect(oneGroup.value.data).toEqual(perChannel.value.data);
  });

  it('quantizes a table per row (axis 0) as the transposed per-channel quantization', () => {
    const table = randomNormal([9, 6], { seed: 3 });
    const q = QTensor.fromTensor(table, { axis: 0 });
    const viaColumns = QTensor.fromTensor(transpose(table));
    expect(q.scale.shape).toEqual([9]);
    expect(q.scale.data).toEqual(viaColumns.scale.data);
    expect(q.value.data).toEqual(transpose(viaColumns.value).data);
    expect(q.quantization).toEqual({ bits: 8, axis: 0, groupSize: undefined, symmetric: true });
    expect(String(q)).toBe('QTensor<s8>[9, 6] (per row)');
    const dequantized = q.dequantize();
    for (let r = 0; r < 9; r++) {
      for (let c = 0; c < 6; c++) {
        expect(Math.abs(dequantized.data[r * 6 + c]! - table.data[r * 6 + c]!)).toBeLessThanOrEqual(q.scale.data[r]! / 2 + Math.abs(table.data[r * 6 + c]!) * 2 ** -21);
      }
    }
  });

  it('quantizes to 4 bits in [-8, 7] with half range 7.5, per row in groups too', () => {
    const w = randomNormal([8, 12], { seed: 4 });
    const q = QTensor.fromTensor(w, { bits: 4, axis: 0, groupSize: 4 });
    expect(q.scale.shape).toEqual([3, 8]);
    expect(q.unpackedValues().data.every((v) => v >= -8 && v <= 7)).toBe(true);
    expect(String(q)).toBe('QTensor<s4>[8, 12] (per row, groups of 4)');
    const layout = resolveQTensorLayout([8, 12], { bits: 4, axis: 0, groupSize: 4 }, 'test');
    const back = q.dequantize().data;
    for (let r = 0; r < 8; r++) {
      for (let c = 0; c < 12; c++) {
        const s = scaleIndexOf(layout, r, c);
        expect(s).toBe(Math.floor(c / 4) * 8 + r);
        expect(Math.abs(back[r * 12 + c]! - w.data[r * 12 + c]!)).toBeLessThanOrEqual(q.scale.data[s]! / 2 + Math.abs(w.data[r * 12 + c]!) * 2 ** -21);
      }
    }
    // The scale is amax / 7.5: 1.5 * f32(1 / 0.2) = 7.5 rounds (half away) to 8, clipped to 7; -7.5 to -8.
    const small = QTensor.fromTensor(tensor([[1.5, -0.75], [-1.5, 0]]), { bits: 4 });
    expect([...small.scale.data]).toEqual([Math.fround(1.5 / 7.5), Math.fround(0.75 / 7.5)]);
    expect(small.unpackedValues().toArray()).toEqual([[7, -8], [-8, 0]]);
  });

  it('assembles from parts with options, zero points the shape of the scales', () => {
    const q = new QTensor(s8([[1, -2], [3, 4], [5, 6], [-7, 8]]), tensor([[0.5, 0.25], [0.125, 1]]), s8([[1, 0], [0, -1]]), { groupSize: 2 });
    expect(q.quantization).toEqual({ bits: 8, axis: 1, groupSize: 2, symmetric: false });
    expect(q.dequantize().toArray()).toEqual([[0, -0.5], [1, 1], [0.625, 7], [-0.875, 9]]);
    expect(kernelStamp(q)).not.toBe(kernelStamp(new QTensor(q.value, tensor([0.5, 0.25]))));
    const handle = new HostHandle('test', q);
    expect(handle.quantization).toEqual({ bits: 8, axis: 1, groupSize: 2, symmetric: false });
    expect(handle.dtype).toBe('f32');
  });
});

describe('QTensor layout: errors say what was expected, what was given and where', () => {
  const values = s8([[1, 2, 3], [4, 5, 6]]);
  it('refuses bad options', () => {
    expect(() => new QTensor(values, ones([3]), undefined, { bits: 2 as never })).toThrow(new ValueError('QTensor: expected bits to be 8 or 4, got 2'));
    expect(() => new QTensor(values, ones([3]), undefined, { axis: 2 })).toThrow(new ValueError('QTensor: expected axis to be 0 or 1 (or -2, -1) for a value of shape [2, 3], got 2'));
    expect(() => new QTensor(values, ones([3]), undefined, { groupSize: 0 })).toThrow(/expected groupSize to be a positive integer .* got 0/);
    expect(() => QTensor.fromTensor(ones([10, 3]), { groupSize: 4, name: 'dense_0.kernel' })).toThrow(
      new ValueError('QTensor.fromTensor (dense_0.kernel): expected groupSize to divide the reduced axis 0 (size 10) of shape [10, 3], got groupSize 4 (10 / 4 is not a whole number of groups)'),
    );
    expect(() => QTensor.fromTensor(ones([2, 3]), { axis: 0, groupSize: 2 })).toThrow(/divide the reduced axis 1 \(size 3\)/);
  });

  it('refuses scales and zero points of the wrong shape for the layout', () => {
    expect(() => new QTensor(values, ones([3]), undefined, { groupSize: 1 })).toThrow(
      new ShapeError('QTensor: expected scale to be an f32 tensor of shape [2, 3] (2 groups of 1 along axis 0, 3 channels along axis 1), got f32 [3]'),
    );
    expect(() => new QTensor(values, ones([3]), undefined, { axis: 0 })).toThrow(/expected scale to be an f32 tensor of shape \[2\] \(2 channels along axis 0\), got f32 \[3\]/);
    expect(() => new QTensor(values, ones([3]))).not.toThrow();
    expect(() => new QTensor(values, ones([2]), zeros([3], 's8'), { axis: 0 })).toThrow(/expected zeroPoint to be an s8 tensor of shape \[2\] .*got s8 \[3\]/);
  });

  it('names the index of a bad scale in groups, and of 4-bit values out of [-8, 7]', () => {
    const scales = tensor([[1, 1, 1], [1, Number.NaN, 1]]);
    expect(() => new QTensor(values, scales, undefined, { groupSize: 1 })).toThrow(
      new ValueError('QTensor: expected every scale to be finite and >= 0, got NaN at scale index [1, 1] (group 1, output column 1)'),
    );
    expect(() => new QTensor(values, tensor([1, -1]), undefined, { axis: 0 })).toThrow(/got -1 at scale index 1 \(row 1\)/);
    expect(() => new QTensor(s8([[1, 2, 3], [4, 8, 6]]), ones([3]), undefined, { bits: 4 })).toThrow(
      new ValueError('QTensor: expected every 4-bit value in [-8, 7], got 8 at value index [1, 1]'),
    );
    expect(() => new QTensor(s8([[1, 2, 3]]), ones([3]), tensor([0, -9, 0], { dtype: 's8' }), { bits: 4 })).toThrow(/4-bit zeroPoint in \[-8, 7\], got -9 at zeroPoint index 1/);
  });
});

describe('output rules with quantized layouts', () => {
  const x = ones([2, 8]);
  it('quantizedDense accepts group-wise and 4-bit kernels, refuses per-row ones', () => {
    const grouped = new HostHandle('test', QTensor.fromTensor(randomNormal([8, 3], { seed: 5 }), { groupSize: 4, bits: 4 }));
    expect(inferOpOutput('quantizedDense', { x, kernel: grouped }, {})).toEqual({ shape: [2, 3], dtype: 'f32' });
    const perRow = new HostHandle('test', QTensor.fromTensor(randomNormal([8, 3], { seed: 6 }), { axis: 0 }));
    expect(() => inferOpOutput('quantizedDense', { x, kernel: perRow }, {})).toThrow(/expected the kernel's scales along axis 1 .* got a kernel quantized along axis 0/);
    const badGroups = { shape: [8, 3], dtype: 'f32' as const, quantization: { bits: 8 as const, axis: 1, groupSize: 3, symmetric: true } };
    expect(() => inferOpOutput('quantizedDense', { x, kernel: badGroups }, {})).toThrow(new ShapeError("quantizedDense: expected the kernel's group size to divide in = 8 (kernel shape [8, 3]), got group size 3"));
  });

  it('gather accepts per-row and grouped tables', () => {
    const indices = zeros([4], 's32');
    const perRow = new HostHandle('test', QTensor.fromTensor(randomNormal([10, 6], { seed: 7 }), { axis: 0 }));
    expect(inferOpOutput('gather', { table: perRow, indices }, {})).toEqual({ shape: [4, 6], dtype: 'f32' });
    const grouped = new HostHandle('test', QTensor.fromTensor(randomNormal([10, 6], { seed: 8 }), { axis: 0, groupSize: 3, bits: 4 }));
    expect(inferOpOutput('gather', { table: grouped, indices }, {})).toEqual({ shape: [4, 6], dtype: 'f32' });
  });
});
