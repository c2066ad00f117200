import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomNormal, runOp, tensor } from '@qaxon/tensor';
import { referenceBackend } from '@qaxon/kernel-reference';
import { createWasmBackend, type WasmBackend } from '../index.js';
import { outsideDeclaredPrecision } from '../test-support/within.js';

describe('norm kernels (f64x2 SIMD)', () => {
  let backend: WasmBackend;
  beforeAll(async () => {
    backend = await createWasmBackend();
  });
  afterAll(() => backend.dispose());

  it('layerNorm on BERT rows (768 wide, gamma and beta, and none) is within one rounding of the reference', async () => {
    const x = randomNormal([16, 768], { seed: 1, stddev: 4, mean: 3 });
    for (const inputs of [{ x, gamma: randomNormal([768], { seed: 2 }), beta: randomNormal([768], { seed: 3 }) }, { x }]) {
      const y = await runOp(backend, 'layerNorm', inputs, { eps: 1e-12 });
      const expected = await runOp(referenceBackend, 'layerNorm', inputs, { eps: 1e-12 });
      expect(outsideDeclaredPrecision(backend, 'layerNorm', { inputs, attrs: { eps: 1e-12 } }, y, expected)).toBeUndefined();
    }
  });

  it('rmsNorm on LLaMA rows (2048 wide, odd widths) is within one rounding of the reference', async () => {
    for (const width of [2048, 7, 1]) {
      const inputs = { x: randomNormal([3, width], { seed: width }), gamma: randomNormal([width], { seed: 5 }) };
      const y = await runOp(backend, 'rmsNorm', inputs, { eps: 1e-6 });
      const expected = await runOp(referenceBackend, 'rmsNorm', inputs, { eps: 1e-6 });
      expect(outsideDeclaredPrecision(backend, 'rmsNorm', { inputs, attrs: { eps: 1e-6 } }, y, expected)).toBeUndefined();
    }
  });

  it('keeps NaN and Infinity as the reference does (a row with Infinity: NaN there, 0 elsewhere)', async () => {
    const y = await runOp(backend, 'rmsNorm', { x: tensor([[1, Infinity, 2], [Number.NaN, 0, 1]]) }, { eps: 1e-5 });
    expect(Array.from(y.data)).toEqual([0, Number.NaN, 0, Number.NaN, Number.NaN, Number.NaN]);
  });
});
