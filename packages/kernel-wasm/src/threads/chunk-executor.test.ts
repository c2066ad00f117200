import { afterEach, describe, expect, it, vi } from 'vitest';
import { QTensor, randomNormal } from '@qaxon/tensor';
import { createWasmBackend } from '../index.js';
import { denseOn } from '../test-support/inputs.js';

describe('ThreadPool: who runs a job', () => {
  afterEach(() => vi.restoreAllMocks());

  it('a call under the parallel threshold runs on the caller without waking the workers', async () => {
    const backend = await createWasmBackend({ threads: 2, parallelThreshold: 1 << 20 });
    expect(backend.threads).toBe(2);
    const w = randomNormal([256, 256], { seed: 1 });
    const q = QTensor.fromTensor(w);
    const x = randomNormal([1, 256], { seed: 2 });
    const alone = await createWasmBackend({ threads: 1 });
    const notify = vi.spyOn(Atomics, 'notify');
    const float = denseOn(backend, x, w).data;
    const int8 = denseOn(backend, x, q).data;
    expect(notify).not.toHaveBeenCalled();
    notify.mockRestore();
    expect(Array.from(float)).toEqual(Array.from(denseOn(alone, x, w).data));
    expect(Array.from(int8)).toEqual(Array.from(denseOn(alone, x, q).data));
    backend.dispose();
    alone.dispose();
  });

  it('a call over the threshold wakes the workers and gives the same bits', async () => {
    const backend = await createWasmBackend({ threads: 2, parallelThreshold: 0 });
    const alone = await createWasmBackend({ threads: 1 });
    const w = randomNormal([300, 200], { seed: 3 });
    const x = randomNormal([3, 300], { seed: 4 });
    const notify = vi.spyOn(Atomics, 'notify');
    const split = denseOn(backend, x, w).data;
    expect(notify).toHaveBeenCalled();
    notify.mockRestore();
    expect(Array.from(split)).toEqual(Array.from(denseOn(alone, x, w).data));
    backend.dispose();
    alone.dispose();
  });
});
