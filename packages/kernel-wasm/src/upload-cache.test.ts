import { describe, expect, it } from 'vitest';
import { QTensor, tensor } from '@qaxon/tensor';
import { createWasmBackend, WasmBackendError } from './index.js';
import { seededDense } from './test-support/inputs.js';

describe('kernel uploads', () => {
  it('uploads a QTensor once and reuses it on every later call', async () => {
    const backend = await createWasmBackend();
    const { x, q } = seededDense(2, 100, 40, 1);
    const empty = backend.memory();
    expect(empty.cachedKernels).toBe(0);
    expect(empty.uploads).toBe(0);
    const first = backend.quantizedDense(x, q);
    const afterFirst = backend.memory();
    for (let i = 0; i < 5; i++) expect(backend.quantizedDense(x, q, i).shape).toEqual([2, 40]);
    expect(backend.memory()).toEqual(afterFirst);
    expect(afterFirst.uploads).toBe(1);
    expect(afterFirst.cachedKernels).toBe(1);
    // int8 stays int8: 100 rows x 48 padded columns of bytes, plus 48 f32 scales.
    const uploaded = afterFirst.deviceBytes - empty.deviceBytes;
    expect(uploaded).toBeGreaterThanOrEqual(100 * 48 + 48 * 4);
    expect(uploaded).toBeLessThan(100 * 48 + 48 * 4 + 2 * 64);
    expect(backend.quantizedDense(x, q).data).toEqual(first.data);
    backend.dispose();
  });

  it('keeps f32 and int8 kernels apart and counts each upload', async () => {
    const backend = await createWasmBackend();
    const { x, w, q } = seededDense(1, 64, 16, 2);
    backend.dense(x, w);
    backend.quantizedDense(x, q);
    backend.dense(x, w);
    const memory = backend.memory();
    expect(memory.uploads).toBe(2);
    expect(memory.cachedKernels).toBe(2);
    expect(memory.deviceBytes).toBeLessThanOrEqual(memory.reservedBytes);
    backend.dispose();
  });

  it('a write into a used kernel is seen (its stamp changed); release frees one upload and the next call uploads again', async () => {
    const backend = await createWasmBackend();
    const q = new QTensor(tensor([[1, 2], [3, 4]], { dtype: 's8' }), tensor([1, 1]));
    const x = tensor([[1, 1]]);
    expect(backend.quantizedDense(x, q).toArray()).toEqual([[4, 6]]);
    const held = backend.memory().deviceBytes;
    q.value.data[0] = 10; // a small kernel's stamp reads every element: uploaded again, as the reference sees it
    expect(backend.quantizedDense(x, q).toArray()).toEqual([[13, 6]]);
    expect(backend.memory()).toMatchObject({ uploads: 2, cachedKernels: 1, deviceBytes: held });
    expect(backend.release(q)).toBe(true);
    expect(backend.release(q)).toBe(false);
    expect(backend.memory().deviceBytes).toBeLessThan(held);
    expect(backend.memory().cachedKernels).toBe(0);
    expect(backend.quantizedDense(x, q).toArray()).toEqual([[13, 6]]);
    expect(backend.memory().uploads).toBe(3);
    backend.dispose();
  });

  it('dispose releases every upload, stops the workers, and later calls throw WasmBackendError', async () => {
    const backend = await createWasmBackend({ threads: 2, parallelThreshold: 0 });
    const { x, w, q } = seededDense(3, 50, 20, 3);
    backend.quantizedDense(x, q);
    backend.dense(x, w);
    expect(backend.memory().cachedKernels).toBe(2);
    backend.dispose();
    expect(backend.memory()).toMatchObject({ deviceBytes: 0, cachedKernels: 0 });
    expect(() => backend.quantizedDense(x, q)).toThrow(WasmBackendError);
    expect(() => backend.dense(x, w)).toThrow(/expected a live WASM backend, got one that was disposed/);
    expect(backend.release(q)).toBe(false);
    backend.dispose(); // twice is fine
  });

  it('memory reuses released blocks instead of growing', async () => {
    const backend = await createWasmBackend();
    for (let i = 0; i < 6; i++) {
      const { x, q } = seededDense(1, 512, 512, 10 + i);
      backend.quantizedDense(x, q);
      backend.release(q);
    }
    const reserved = backend.memory().reservedBytes;
    const { x, q } = seededDense(1, 512, 512, 20);
    backend.quantizedDense(x, q);
    expect(backend.memory().reservedBytes).toBe(reserved);
    backend.dispose();
  });
});
