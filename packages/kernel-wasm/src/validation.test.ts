import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KernelUnsupportedError, QTensor, ValueError, ones, randomNormal, runOp, tensor, zeros, type Handle, type RowSource } from '@qaxon/tensor';
import { referenceBackend } from '@qaxon/kernel-reference';
import { createWasmBackend, MAX_THREADS, WasmBackendError, type WasmBackend } from './index.js';
import { denseOn, sameBits } from './test-support/inputs.js';

async function thrown(run: () => unknown): Promise<unknown> {
  try {
    await run();
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to throw');
}

function floatRows(values: Float32Array, shape: [number, number], reads: number[]): RowSource {
  return {
    shape,
    dtype: 'f32',
    async read(firstRow, rowCount, into) {
      reads.push(rowCount);
      into.set(values.subarray(firstRow * shape[1], (firstRow + rowCount) * shape[1]));
    },
  };
}

describe('invalid inputs are refused exactly like the reference backend (checked in the core)', () => {
  let backend: WasmBackend;
  beforeAll(async () => {
    backend = await createWasmBackend();
  });
  afterAll(() => backend.dispose());

  const w = randomNormal([4, 10], { seed: 1 });
  const q = QTensor.fromTensor(w);
  const x = randomNormal([2, 4], { seed: 2 });
  const cases: [string, (b: typeof referenceBackend | WasmBackend) => unknown][] = [
    ['K mismatch', (b) => runOp(b, 'quantizedDense', { x: ones([2, 3]), kernel: q }, {})],
    ['bias of the wrong length', (b) => runOp(b, 'quantizedDense', { x, kernel: q, bias: zeros([9]) }, {})],
    ['s8 x', (b) => runOp(b, 'dense', { x: tensor([[1, 2, 3, 4]], { dtype: 's8' }), kernel: w }, {})],
    ['rank-0 x', (b) => runOp(b, 'quantizedDense', { x: tensor(1), kernel: q }, {})],
    ['QTensor given to dense', (b) => runOp(b, 'dense', { x, kernel: q }, {})],
    ['f32 kernel given to quantizedDense', (b) => runOp(b, 'quantizedDense', { x, kernel: w }, {})],
    ['rank-3 kernel', (b) => runOp(b, 'dense', { x, kernel: ones([4, 10, 1]) }, {})],
    ['x not a tensor', (b) => runOp(b, 'dense', { x: [[1, 2, 3, 4]] as never, kernel: w }, {})],
  ];
  for (const [title, call] of cases) {
    it(title, async () => {
      const expected = (await thrown(() => call(referenceBackend))) as Error;
      const actual = (await thrown(() => call(backend))) as Error;
      expect(actual.constructor).toBe(expected.constructor);
      expect(actual.message.replace(/'wasm'/g, "'reference'")).toBe(expected.message);
    });
  }

  it('nothing is left in the module after refused calls', () => {
    expect(backend.memory().handles).toBe(0);
    expect(backend.memory().deviceBytes).toBe(0);
  });
});

describe('handles', () => {
  let backend: WasmBackend;
  let other: WasmBackend;
  beforeAll(async () => {
    backend = await createWasmBackend();
    other = await createWasmBackend();
  });
  afterAll(() => {
    backend.dispose();
    other.dispose();
  });

  it('upload and download round-trip every dtype, and count their bytes', () => {
    for (const value of [randomNormal([3, 5], { seed: 1 }), tensor([[1, -2, 3]], { dtype: 's8' }), tensor([7, -8], { dtype: 's32' }), tensor(2.5)]) {
      const handle = backend.upload(value);
      expect(backend.owns(handle)).toBe(true);
      const back = backend.download(handle);
      expect(back.dtype).toBe(value.dtype);
      expect(back.shape).toEqual(value.shape);
      expect(Array.from(back.data)).toEqual(Array.from(value.data));
      expect(backend.memory().deviceBytes).toBeGreaterThanOrEqual(value.byteSize);
      backend.release(handle);
      backend.release(handle); // twice does nothing
      expect(backend.owns(handle)).toBe(false);
    }
    expect(backend.memory()).toMatchObject({ deviceBytes: 0, handles: 0 });
  });

  it('released, foreign and other-backend handles are refused with a ValueError', () => {
    const released = backend.upload(ones([2]));
    backend.release(released);
    expect(() => backend.download(released)).toThrow(/released/);
    const foreign = other.upload(ones([2]));
    expect(() => backend.download(foreign)).toThrow(ValueError);
    expect(backend.owns(foreign)).toBe(false);
    expect(() => backend.download(referenceBackend.upload(ones([2])) as Handle)).toThrow(/backend 'reference'/);
    other.release(foreign);
  });

  it('an f32 weight keeps its values once packed for dense', () => {
    const w = randomNormal([33, 17], { seed: 3 });
    const kernel = backend.upload(w);
    const x = backend.upload(randomNormal([2, 33], { seed: 4 }));
    const y = backend.kernels.dense!({ x, kernel }, {}) as Handle;
    expect(Array.from(backend.download(kernel).data)).toEqual(Array.from(w.data));
    for (const handle of [kernel, x, y]) backend.release(handle);
  });

  it('a quantized weight is packed once, cannot be downloaded, and is held as int8', () => {
    const q = QTensor.fromTensor(randomNormal([256, 64], { seed: 5 }));
    const kernel = backend.upload(q);
    expect(kernel.quantization).toEqual(q.quantization);
    expect(backend.memory().deviceBytes).toBeLessThan(256 * 64 * 1.1 + 64 * 8 + 256);
    expect(() => backend.download(kernel)).toThrow(/quantized weight/);
    backend.release(kernel);
  });

  it('a quantized layout the kernels lack is kept as given and refused by quantizedDense with KernelUnsupportedError', () => {
    class GroupedQTensor extends QTensor {
      override get quantization() {
        return { ...super.quantization, groupSize: 2 };
      }
    }
    const q = QTensor.fromTensor(randomNormal([4, 3], { seed: 8 }));
    const grouped = new GroupedQTensor(q.value, q.scale, q.zeroPoint);
    const kernel = backend.upload(grouped);
    expect(kernel.quantization?.groupSize).toBe(2);
    const x = backend.upload(randomNormal([1, 4], { seed: 9 }));
    expect(() => backend.kernels.quantizedDense!({ x, kernel }, {})).toThrow(KernelUnsupportedError);
    expect(() => backend.kernels.quantizedDense!({ x, kernel }, {})).toThrow(/per-channel int8 weights, got 8 bits in groups of 2/);
    backend.release(kernel);
    backend.release(x);
  });

  it('uploadStreamed refuses a weight it cannot place, before reading anything', async () => {
    const reads: number[] = [];
    const rows = floatRows(new Float32Array(4), [2, 2], reads);
    await expect(backend.uploadStreamed({ values: rows, scale: tensor([1, 1]) })).rejects.toThrow(/expected s8 values with a scale, got f32 values/);
    await expect(backend.uploadStreamed({ values: { ...rows, dtype: 's8' } })).rejects.toThrow(/expected f32 values without a scale/);
    await expect(backend.uploadStreamed({ values: { ...rows, dtype: 's8' }, scale: tensor([1, Number.NaN]) })).rejects.toThrow(/scale/);
    await expect(backend.uploadStreamed({ values: { ...rows, shape: [2, -1] as never } })).rejects.toThrow(/shape/);
    await expect(backend.uploadStreamed({ values: undefined as never })).rejects.toThrow(/RowSource/);
    expect(reads).toEqual([]);
    expect(backend.memory().handles).toBe(0);
  });

  it('uploadStreamed refuses 4-bit, per-row and group-wise layouts with KernelUnsupportedError (the loader then uploads the QTensor)', async () => {
    const reads: number[] = [];
    const rows = { ...floatRows(new Float32Array(4), [2, 2], reads), dtype: 's8' as const };
    for (const layout of [{ bits: 4 as const }, { axis: 0 as const }, { groupSize: 1 }]) {
      const error = await thrown(() => backend.uploadStreamed({ values: rows, scale: tensor([1, 1]), layout }));
      expect(error).toBeInstanceOf(KernelUnsupportedError);
      expect((error as Error).message).toMatch(/per-output-channel int8/);
    }
    expect(reads).toEqual([]);
    expect(backend.memory().handles).toBe(0);
  });

  it('uploadStreamed reads through a bounded buffer and gives the same results as upload', async () => {
    const w = randomNormal([3000, 200], { seed: 6 }); // 2.4 MB of f32: several blocks of rows
    const reads: number[] = [];
    const streamed = await backend.uploadStreamed({ values: floatRows(w.data, [3000, 200], reads) });
    expect(reads.length).toBeGreaterThan(1);
    expect(Math.max(...reads) * 200 * 4).toBeLessThanOrEqual(1 << 20);
    const x = randomNormal([3, 3000], { seed: 7 });
    const xHandle = backend.upload(x);
    const y = backend.kernels.dense!({ x: xHandle, kernel: streamed }, {}) as Handle;
    expect(sameBits(backend.download(y).data as Float32Array, denseOn(backend, x, w).data)).toBe(true);
    expect(Array.from(backend.download(streamed).data)).toEqual(Array.from(w.data));
    for (const handle of [streamed, xHandle, y]) backend.release(handle);
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
    expect(() => backend.upload(big)).toThrow(/cannot grow/);
    expect(backend.memory().handles).toBe(0);
    const small = QTensor.fromTensor(randomNormal([8, 8], { seed: 5 }));
    expect(denseOn(backend, randomNormal([1, 8], { seed: 6 }), small).shape).toEqual([1, 8]);
    backend.dispose();
  });
});

describe('memory lifetime (documented in the README)', () => {
  it('the module memory keeps its high-water mark after release and is dropped by dispose', async () => {
    const backend = await createWasmBackend();
    const kernel = backend.upload(QTensor.fromTensor(randomNormal([256, 1024], { seed: 5 })));
    const grown = backend.memory().reservedBytes;
    backend.release(kernel);
    expect(backend.memory().handles).toBe(0);
    expect(backend.memory().reservedBytes).toBe(grown); // WebAssembly memory never shrinks
    backend.dispose();
    expect(backend.memory().reservedBytes).toBe(0);
    expect(() => backend.upload(ones([1]))).toThrow(WasmBackendError);
    expect(backend.owns(kernel)).toBe(false);
  });
});
