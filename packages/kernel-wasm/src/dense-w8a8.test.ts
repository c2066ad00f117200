import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QTensor, Tensor, randomNormal, runOp } from '@qaxon/tensor';
import { referenceBackend } from '@qaxon/kernel-reference';
import { createWasmBackend, type WasmBackend } from './index.js';

/** A seeded int8 kernel [inner, units] with zero points in [-20, 20] (kept apart: q - z leaves int8). */
function kernelWithZeroPoints(inner: number, units: number, seed: number): QTensor {
  const q = QTensor.fromTensor(randomNormal([inner, units], { seed }));
  const zeroPoint = new Tensor(Int8Array.from({ length: units }, (_, n) => ((n * 7) % 41) - 20), [units], 's8');
  return new QTensor(q.value, q.scale, zeroPoint);
}

describe('dynamicQuantizedDense on the WASM backend', () => {
  let one: WasmBackend;
  let two: WasmBackend;
  /** relaxedSimd: true (the relaxed-SIMD build where the engine has it, the plain one elsewhere), 1 and 2 threads. */
  let relaxed: WasmBackend[];
  beforeAll(async () => {
    one = await createWasmBackend({ threads: 1 });
    two = await createWasmBackend({ threads: 2, parallelThreshold: 0 });
    relaxed = [await createWasmBackend({ threads: 1, relaxedSimd: true }), await createWasmBackend({ threads: 2, parallelThreshold: 0, relaxedSimd: true })];
  });
  afterAll(() => {
    one.dispose();
    two.dispose();
    for (const backend of relaxed) backend.dispose();
  });

  it.each([
    [1, 1025, 50],
    [3, 300, 33],
    [37, 515, 70],
  ])('gives the reference bits on %i rows x %i -> %i, 1 and 2 threads', async (rows, inner, units) => {
    const x = randomNormal([rows, inner], { seed: rows });
    const kernel = kernelWithZeroPoints(inner, units, inner);
    const bias = randomNormal([units], { seed: 3 });
    const expected = (await runOp(referenceBackend, 'dynamicQuantizedDense', { x, kernel, bias }, {})) as Tensor;
    for (const backend of [one, two]) {
      const y = (await runOp(backend, 'dynamicQuantizedDense', { x, kernel, bias }, {})) as Tensor;
      expect(Buffer.from(y.data.buffer).equals(Buffer.from(expected.data.buffer))).toBe(true);
    }
  });

  it.each([
    [4, 1, 1],
    [5, 3, 17],
    [7, 770, 33],
    [13, 6, 5],
    [64, 513, 40],
  ])('gives the reference bits with relaxedSimd (the relaxed GEMM where the engine has it) and without, 1 and 2 threads, on %i rows x %i -> %i', async (rows, inner, units) => {
    const x = randomNormal([rows, inner], { seed: rows + 1 });
    const kernel = kernelWithZeroPoints(inner, units, inner + 1);
    const expected = (await runOp(referenceBackend, 'dynamicQuantizedDense', { x, kernel }, {})) as Tensor;
    for (const backend of [one, two, ...relaxed]) {
      const y = (await runOp(backend, 'dynamicQuantizedDense', { x, kernel }, {})) as Tensor;
      expect(Buffer.from(y.data.buffer).equals(Buffer.from(expected.data.buffer))).toBe(true);
    }
  });

  it('runs the same upload as quantizedDense, within the W8A8 error of it', async () => {
    const x = randomNormal([8, 64], { seed: 9 });
    const kernel = one.upload(QTensor.fromTensor(randomNormal([64, 16], { seed: 10 })));
    const input = one.upload(x);
    const w8a8 = one.download(one.kernels.dynamicQuantizedDense!({ x: input, kernel }, {}) as never);
    const weightOnly = one.download(one.kernels.quantizedDense!({ x: input, kernel }, {}) as never);
    // Outputs are sums of 64 unit-normal products (about 8 in size); int8 rows are off by up to 1/254 of each row's max.
    for (let i = 0; i < w8a8.data.length; i++) expect(Math.abs(w8a8.data[i]! - weightOnly.data[i]!)).toBeLessThan(0.3);
  });
});
