import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomNormal, runOp, tensor, type OpAttrs, type Tensor } from '@qaxon/tensor';
import { referenceBackend } from '@qaxon/kernel-reference';
import { createWasmBackend, type WasmBackend } from '../index.js';
import { outsideDeclaredPrecision } from '../test-support/within.js';

describe('attention kernel (fused SIMD)', () => {
  let backend: WasmBackend;
  beforeAll(async () => {
    backend = await createWasmBackend();
  });
  afterAll(() => backend.dispose());

  async function agrees(sizes: { batch: number; queries: number; keys: number; heads: number; kvHeads: number; headDim: number }, attrs: Partial<OpAttrs<'attention'>>, mask?: Tensor): Promise<string | undefined> {
    const { batch, queries, keys, heads, kvHeads, headDim } = sizes;
    const inputs = {
      query: randomNormal([batch, queries, heads * headDim], { seed: 1 }),
      key: randomNormal([batch, keys, kvHeads * headDim], { seed: 2 }),
      value: randomNormal([batch, keys, kvHeads * headDim], { seed: 3 }),
      ...(mask === undefined ? {} : { mask }),
    };
    const full = { heads, kvHeads, causal: false, ...attrs };
    const y = await runOp(backend, 'attention', inputs, full);
    const expected = await runOp(referenceBackend, 'attention', inputs, full);
    return outsideDeclaredPrecision(backend, 'attention', { inputs, attrs: full }, y, expected);
  }

  it('matches the reference on the BERT-base shape (128 tokens, 12 heads of 64) with right padding', async () => {
    const mask = tensor([Array.from({ length: 128 }, (_, j) => (j < 100 ? 1 : 0))], { dtype: 's32' });
    expect(await agrees({ batch: 1, queries: 128, keys: 128, heads: 12, kvHeads: 12, headDim: 64 }, {}, mask)).toBeUndefined();
  });

  it('matches the reference on a LLaMA decode step (1 query, 129 keys, 32 heads on 4 kv heads, causal)', async () => {
    expect(await agrees({ batch: 2, queries: 1, keys: 129, heads: 32, kvHeads: 4, headDim: 64 }, { causal: true })).toBeUndefined();
  });

  it('matches the reference with odd head sizes, more queries than keys and causal (rows that see nothing are zero)', async () => {
    expect(await agrees({ batch: 2, queries: 6, keys: 3, heads: 4, kvHeads: 2, headDim: 7 }, { causal: true, scale: 0.7 })).toBeUndefined();
    const y = await runOp(backend, 'attention', { query: randomNormal([1, 3, 2], { seed: 4 }), key: randomNormal([1, 1, 2], { seed: 5 }), value: randomNormal([1, 1, 2], { seed: 6 }) }, { heads: 1, kvHeads: 1, causal: true });
    expect(Array.from(y.data)).toEqual([0, 0, 0, 0, expect.any(Number), expect.any(Number)]);
  });

  it('blocks of four queries: headDim 12 (8 + 4 entries), a batch entry with every key padded gets zeros', async () => {
    const mask = tensor([[1, 1, 1, 0, 0], [0, 0, 0, 0, 0]], { dtype: 's32' });
    expect(await agrees({ batch: 2, queries: 6, keys: 5, heads: 3, kvHeads: 1, headDim: 12 }, { scale: 0.4 }, mask)).toBeUndefined();
    const y = await runOp(backend, 'attention', { query: randomNormal([1, 4, 4], { seed: 8 }), key: randomNormal([1, 2, 4], { seed: 9 }), value: randomNormal([1, 2, 4], { seed: 10 }), mask: tensor([[0, 0]], { dtype: 's32' }) }, { heads: 1, kvHeads: 1, causal: false });
    expect(Array.from(y.data).every((value) => value === 0)).toBe(true);
  });

  it('never reads the values of masked keys (NaN there does not reach the output)', async () => {
    const value = tensor([[[1, 2], [Number.NaN, Infinity]]]);
    const y = await runOp(backend, 'attention', { query: tensor([[[1, 0]]]), key: tensor([[[1, 0], [Number.NaN, 0]]]), value, mask: tensor([[1, 0]], { dtype: 's32' }) }, { heads: 1, kvHeads: 1, causal: false });
    expect(Array.from(y.data)).toEqual([1, 2]);
    const four = await runOp(backend, 'attention', { query: tensor([[[1, 0], [0, 1], [1, 1], [2, 0]]]), key: tensor([[[1, 0], [Number.NaN, 0]]]), value, mask: tensor([[1, 0]], { dtype: 's32' }) }, { heads: 1, kvHeads: 1, causal: false });
    expect(Array.from(four.data)).toEqual([1, 2, 1, 2, 1, 2, 1, 2]);
  });
});
