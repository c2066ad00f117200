import { describe, expect, it } from 'vitest';
import { KERNEL_STAMP_SAMPLES, QTensor, Tensor, kernelDigest, kernelStamp, randomNormal, tensor } from './index.js';

describe('kernelStamp', () => {
  it('changes when a kernel is written into in bulk, and only then', () => {
    const q = QTensor.fromTensor(randomNormal([300, 40], { seed: 1 }));
    const other = QTensor.fromTensor(randomNormal([300, 40], { seed: 2 }));
    const stamp = kernelStamp(q);
    expect(kernelStamp(q)).toBe(stamp);
    q.value.data.set(other.value.data);
    expect(kernelStamp(q)).not.toBe(stamp);
    const afterValues = kernelStamp(q);
    q.scale.data[7] = 0.5; // up to 64 scales are read: all 40 here
    expect(kernelStamp(q)).not.toBe(afterValues);
    const w = randomNormal([64, 64], { seed: 3 });
    const floatStamp = kernelStamp(w);
    w.data.fill(0.25);
    expect(kernelStamp(w)).not.toBe(floatStamp);
  });

  it('reads every element of small kernels and samples large ones (a bulk write is seen)', () => {
    const small = tensor([[1, 0], [3, 4]]);
    const stamp = kernelStamp(small);
    small.data[1] = -0; // float bits: -0 differs from 0
    expect(kernelStamp(small)).not.toBe(stamp);
    // No timing here (shared machines): a large kernel's stamp reads KERNEL_STAMP_SAMPLES
    // spread elements, so a bulk write changes it and an unchanged kernel keeps it.
    const large = randomNormal([4096, 4096], { seed: 4 });
    const before = kernelStamp(large);
    expect(kernelStamp(large)).toBe(before);
    large.data.fill(0.5);
    expect(kernelStamp(large)).not.toBe(before);
    expect(KERNEL_STAMP_SAMPLES).toBe(256);
  });
});

describe('immutability of tensor objects', () => {
  it('Tensor and QTensor are frozen: reassigning their arrays or parts throws', () => {
    const q = QTensor.fromTensor(randomNormal([4, 3], { seed: 5 }));
    const other = QTensor.fromTensor(randomNormal([4, 3], { seed: 6 }));
    expect(Object.isFrozen(q)).toBe(true);
    expect(Object.isFrozen(q.value)).toBe(true);
    expect(() => {
      (q as { value: unknown }).value = other.value;
    }).toThrow(TypeError);
    expect(() => {
      (q.scale as { data: unknown }).data = other.scale.data;
    }).toThrow(TypeError);
    expect(q.value).not.toBe(other.value);
  });
});

describe('kernelDigest', () => {
  it('sees a change to any single element of the weights, scales or zero points, in every position', () => {
    // Odd lengths and a byte view at an unaligned offset cover the word and tail paths.
    const values = QTensor.fromTensor(randomNormal([37, 5], { seed: 5 })).value;
    const zeroPoints = tensor([1, -2, 3, 0, 5], { dtype: 's8' });
    const q = new QTensor(values, tensor([0.5, 0.25, 1, 2, 0.125]), zeroPoints);
    const digest = kernelDigest(q);
    expect(kernelDigest(q)).toBe(digest);
    const parts: (Int8Array | Float32Array)[] = [q.value.data, q.scale.data, zeroPoints.data];
    for (const data of parts) {
      for (let i = 0; i < data.length; i++) {
        const old = data[i]!;
        data[i] = old === 3 ? 4 : 3;
        expect(kernelDigest(q), `element ${i} of a ${data.constructor.name}`).not.toBe(digest);
        data[i] = old;
      }
    }
    expect(kernelDigest(q)).toBe(digest);
  });

  it('reads an int8 view whose offset is not a multiple of 4, and float kernels bit for bit', () => {
    const bytes = new Int8Array(new ArrayBuffer(40), 3, 33);
    bytes.fill(1);
    const q = new QTensor(new Tensor(bytes, [11, 3], 's8'), tensor([1, 1, 1]));
    const digest = kernelDigest(q);
    q.value.data[32] = 2;
    expect(kernelDigest(q)).not.toBe(digest);
    const w = tensor([[0, 1], [2, 3]]);
    const floatDigest = kernelDigest(w);
    w.data[0] = -0;
    expect(kernelDigest(w)).not.toBe(floatDigest);
    expect(kernelStamp(w)).not.toBe(kernelStamp(tensor([[0, 1], [2, 3]])));
  });
});
