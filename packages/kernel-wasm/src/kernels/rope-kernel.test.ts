import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomNormal, runOp, tensor } from '@qaxon/tensor';
import { referenceBackend } from '@qaxon/kernel-reference';
import { createWasmBackend, type WasmBackend } from '../index.js';
import { sameBits } from '../test-support/inputs.js';

describe('rope kernel (f64x2 SIMD)', () => {
  let backend: WasmBackend;
  beforeAll(async () => {
    backend = await createWasmBackend();
  });
  afterAll(() => backend.dispose());

  const cases = [
    { name: 'LLaMA prefill, rotate_half, 32 heads of 64', x: [1, 16, 2048], positions: tensor(Array.from({ length: 16 }, (_, s) => s), { dtype: 's32' }), attrs: { headDim: 64, theta: 10000, interleaved: false } },
    { name: 'decode at position 128, interleaved, theta 500000', x: [2, 1, 256], positions: tensor([[128], [40]], { dtype: 's32' }), attrs: { headDim: 64, theta: 500000, interleaved: true } },
    { name: 'odd half (rotaryDim 6 of headDim 10), rotate_half', x: [2, 3, 20], positions: tensor([5, 6, 7], { dtype: 's32' }), attrs: { headDim: 10, theta: 10000, interleaved: false, rotaryDim: 6 } },
  ];
  for (const { name, x: shape, positions, attrs } of cases) {
    it(`gives the reference's bits: ${name}`, async () => {
      const x = randomNormal(shape, { seed: 7, stddev: 3 });
      const y = await runOp(backend, 'rope', { x, positions }, attrs);
      const expected = await runOp(referenceBackend, 'rope', { x, positions }, attrs);
      expect(sameBits(y.data as Float32Array, expected.data as Float32Array)).toBe(true);
    });
  }
});
