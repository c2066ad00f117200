import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QTensor, ones, randomNormal, tensor, zeros } from '@qaxon/tensor';
import { referenceBackend } from '@qaxon/kernel-reference';
import { createWasmBackend, MAX_THREADS, WasmBackendError, type WasmBackend } from './index.js';

function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to throw');
}

describe('invalid inputs are refused exactly like the reference backend', () => {
  let backend: WasmBackend;
  beforeAll(async () => {
    backend = await createWasmBackend();
  });
  afterAll(() => backend.dispose());

  const w = randomNormal([4, 10], { seed: 1 });
  const q = QTensor.fromTensor(w);
  const x = randomNormal([2, 4], { seed: 2 });
  const cases: [string, (b: typeof referenceBackend | WasmBackend) => unknown][] = [
    ['K mismatch', (b) => b.quantizedDense(ones([2, 3]), q)],
    ['bias of the wrong length', (b) => b.quantizedDense(x, q, zeros([9]))],
    ['NaN bias', (b) => b.dense(x, w, Number.NaN)],
    ['string bias', (b) => b.dense(x, w, '1' as unknown as number)],
    ['s8 x', (b) => b.dense(tensor([[1, 2, 3, 4]], { dtype: 's8' }) as never, w)],
    ['rank-0 x', (b) => b.quantizedDense(tensor(1), q)],
    ['QTensor given to dense', (b) => b.dense(x, q as never)],
    ['f32 kernel given to quantizedDense', (b) => b.quantizedDense(x, w as never)],
    ['rank-3 kernel', (b) => b.dense(x, ones([4, 10, 1]))],
    ['x not a tensor', (b) => b.dense([[1, 2, 3, 4]] as never, w)],
  ];
  for (const [title, call] of cases) {
    it(title, () => {
      const expected = thrown(() => call(referenceBackend)) as Error;
      const actual = thrown(() => call(backend)) as Error;
      expect(actual.constructor).toBe(expected.constructor);
      expect(actual.message).toBe(expected.message);
    });
  }

  it('nothing was uploaded by refused calls', () => {
    expect(backend.memory().uploads).toBe(0);
  });
});

describe('createWasmBackend options', () => {
  it.each([0, -1, 1.5, Number.NaN, 17, 32, 1e9])('refuses threads %s', async (threads) => {
    await expect(createWasmBackend({ threads })).rejects.toThrow(/expected threads to be an integer from 1 to 16 \(MAX_THREADS\) or 'auto'/);
  });

  it('refuses too many threads at once, before starting any worker', async () => {
    const started = performance.now();
    await expect(createWasmBackend({ threads: 32 })).rejects.toThrow(`got 32`);
    expect(performance.now() - started).toBeLessThan(3000); // 32 workers took 6.7 s and 308 MB
    expect(MAX_THREADS).toBe(16);
  });

  it('refuses a negative parallelThreshold and a maximum memory below one page', async () => {
    await expect(createWasmBackend({ parallelThreshold: -1 })).rejects.toThrow(WasmBackendError);
    await expect(createWasmBackend({ maximumMemoryBytes: 1000 })).rejects.toThrow(/expected maximumMemoryBytes >= 65536/);
  });

  it("'auto' uses the available processors", async () => {
    const backend = await createWasmBackend({ threads: 'auto' });
    expect(backend.threads).toBeGreaterThanOrEqual(1);
    expect(backend.threads).toBeLessThanOrEqual(8);
    backend.dispose();
  });

  it('reports a clear error when the memory cannot grow to fit a kernel', async () => {
    const backend = await createWasmBackend({ maximumMemoryBytes: 4 * 65536 });
    const big = QTensor.fromTensor(randomNormal([512, 1024], { seed: 3 }));
    expect(() => backend.quantizedDense(randomNormal([1, 512], { seed: 4 }), big)).toThrow(/cannot grow/);
    expect(backend.memory().cachedKernels).toBe(0);
    const small = QTensor.fromTensor(randomNormal([8, 8], { seed: 5 }));
    expect(backend.quantizedDense(randomNormal([1, 8], { seed: 6 }), small).shape).toEqual([1, 8]);
    backend.dispose();
  });
});

describe('memory lifetime (documented in the README)', () => {
  it('the module memory keeps its high-water mark after release and is dropped by dispose', async () => {
    const backend = await createWasmBackend();
    const q = QTensor.fromTensor(randomNormal([256, 1024], { seed: 5 }));
    backend.quantizedDense(ones([1, 256]), q);
    const grown = backend.memory().reservedBytes;
    expect(backend.release(q)).toBe(true);
    expect(backend.memory().cachedKernels).toBe(0);
    expect(backend.memory().reservedBytes).toBe(grown); // WebAssembly memory never shrinks
    backend.dispose();
    expect(backend.memory().reservedBytes).toBe(0);
  });
});
