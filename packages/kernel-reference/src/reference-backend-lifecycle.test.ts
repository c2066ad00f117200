import { OP_NAMES, QTensor, ValueError, tensor, type RowSource } from '@qaxon/tensor';
import { describe, expect, it } from 'vitest';
import { createReferenceBackend, implementsOp, referenceBackend } from './reference-backend.js';

describe('the reference backend as a Backend', () => {
  it('implements every op', () => {
    expect(Object.keys(referenceBackend.kernels)).toHaveLength(OP_NAMES.length);
    expect(implementsOp(referenceBackend, 'slice')).toBe(true);
  });

  it('counts live handles and their bytes, per instance', () => {
    const backend = createReferenceBackend();
    const a = backend.upload(tensor([1, 2, 3]));
    const q = backend.upload(QTensor.fromTensor(tensor([[1, 2]])));
    expect(backend.memory()).toEqual({ deviceBytes: 12 + 2 + 8 + 2, handles: 2 });
    const y = backend.kernels.relu({ x: a }, {});
    expect(backend.memory().handles).toBe(3);
    backend.release(a);
    backend.release(a);
    backend.release(q);
    backend.release(y as never);
    expect(backend.memory()).toEqual({ deviceBytes: 0, handles: 0 });
    expect(referenceBackend.owns(y)).toBe(false);
  });

  it('refuses released handles and owns only its own', () => {
    const backend = createReferenceBackend();
    const other = createReferenceBackend();
    const handle = backend.upload(tensor([1]));
    expect(backend.owns(handle)).toBe(true);
    expect(other.owns(handle)).toBe(false);
    backend.release(handle);
    expect(backend.owns(handle)).toBe(false);
    expect(() => backend.download(handle)).toThrow(ValueError);
    expect(() => backend.kernels.relu({ x: handle }, {})).toThrow(/used after it was released/);
  });

  it('downloads a copy', () => {
    const handle = referenceBackend.upload(tensor([1, 2]));
    const first = referenceBackend.download(handle);
    first.data[0] = 99;
    expect(referenceBackend.download(handle).toArray()).toEqual([1, 2]);
    referenceBackend.release(handle);
  });

  it('uploads streamed weights, f32 and quantized', async () => {
    const values = new Int8Array([1, -2, 3, 4, 5, 6]);
    const reads: number[][] = [];
    const source: RowSource = {
      shape: [3, 2],
      dtype: 's8',
      async read(first, count, into) {
        reads.push([first, count]);
        into.set(values.subarray(first * 2, (first + count) * 2));
      },
    };
    const handle = await referenceBackend.uploadStreamed({ values: source, scale: tensor([0.5, 0.25]) });
    expect(handle.quantization).toEqual({ bits: 8, axis: 1, groupSize: undefined, symmetric: true });
    expect(referenceBackend.download(handle).toArray()).toEqual([[0.5, -0.5], [1.5, 1], [2.5, 1.5]]);
    expect(reads.length).toBeGreaterThan(0);
    const floats = new Float32Array([1, 2]);
    const plain = await referenceBackend.uploadStreamed({
      values: { shape: [1, 2], dtype: 'f32', read: async (first, count, into) => into.set(floats.subarray(first * 2, (first + count) * 2)) },
    });
    expect(referenceBackend.download(plain).toArray()).toEqual([[1, 2]]);
    await expect(referenceBackend.uploadStreamed({ values: source })).rejects.toThrow(/expected f32 values without a scale, got s8/);
    const perRow = await referenceBackend.uploadStreamed({ values: source, scale: tensor([1, 0.5, 0.25]), layout: { axis: 0 } });
    expect(perRow.quantization).toEqual({ bits: 8, axis: 0, groupSize: undefined, symmetric: true });
    expect(referenceBackend.download(perRow).toArray()).toEqual([[1, -2], [1.5, 2], [1.25, 1.5]]);
  });
});
