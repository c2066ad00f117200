import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomNormal, runOp } from '@qaxon/tensor';
import { referenceBackend } from '@qaxon/kernel-reference';
import { createWasmBackend, type WasmBackend } from '../index.js';
import { outsideDeclaredPrecision } from '../test-support/within.js';

describe('matMul kernel (f32 SIMD tiles)', () => {
  let backend: WasmBackend;
  beforeAll(async () => {
    backend = await createWasmBackend();
  });
  afterAll(() => backend.dispose());

  // m = 13 and n = 19: 4x8 tiles, row tails and column tails; batch axes broadcast.
  for (const transposeA of [false, true]) {
    for (const transposeB of [false, true]) {
      it(`batched [2, 3, ·] · [3, ·] with transposeA ${transposeA}, transposeB ${transposeB}`, async () => {
        const a = randomNormal(transposeA ? [2, 1, 37, 13] : [2, 1, 13, 37], { seed: 1 });
        const b = randomNormal(transposeB ? [3, 19, 37] : [3, 37, 19], { seed: 2 });
        const attrs = { transposeA, transposeB };
        const y = await runOp(backend, 'matMul', { a, b }, attrs);
        const expected = await runOp(referenceBackend, 'matMul', { a, b }, attrs);
        expect(y.shape).toEqual([2, 3, 13, 19]);
        expect(outsideDeclaredPrecision(backend, 'matMul', { inputs: { a, b }, attrs }, y, expected)).toBeUndefined();
      });
    }
  }

  it('attention-shaped scores: [12, 128, 64] · [12, 128, 64]ᵀ', async () => {
    const a = randomNormal([12, 128, 64], { seed: 3 });
    const b = randomNormal([12, 128, 64], { seed: 4 });
    const y = await runOp(backend, 'matMul', { a, b }, { transposeB: true });
    const expected = await runOp(referenceBackend, 'matMul', { a, b }, { transposeB: true });
    expect(outsideDeclaredPrecision(backend, 'matMul', { inputs: { a, b }, attrs: { transposeB: true } }, y, expected)).toBeUndefined();
  });
});
