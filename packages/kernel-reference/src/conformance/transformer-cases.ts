import { tensor, type OpAttrs, type OpName } from '@qaxon/tensor';
import type { ConformanceCall, ConformanceCase } from './cases.js';
import { integers, normal } from './seeded.js';

function define<O extends OpName>(op: O, name: string, build: () => ConformanceCall<O>): ConformanceCase {
  return Object.freeze({ op, name, build }) as unknown as ConformanceCase;
}

/** A 0/1 padding mask `[batch, keys]` with the last `padded[b]` keys of row `b` masked. */
function paddingMask(keys: number, padded: readonly number[]): ConformanceCall<'attention'>['inputs']['mask'] {
  return tensor(padded.map((count) => Array.from({ length: keys }, (_, j) => (j < keys - count ? 1 : 0))), { dtype: 's32' });
}

function attentionCase(name: string, sizes: { batch: number; queries: number; keys: number; heads: number; kvHeads: number; headDim: number; seed: number }, attrs: Partial<OpAttrs<'attention'>>, padded?: readonly number[]): ConformanceCase {
  const { batch, queries, keys, heads, kvHeads, headDim, seed } = sizes;
  return define('attention', name, () => ({
    inputs: {
      query: normal([batch, queries, heads * headDim], seed),
      key: normal([batch, keys, kvHeads * headDim], seed + 1),
      value: normal([batch, keys, kvHeads * headDim], seed + 2),
      ...(padded === undefined ? {} : { mask: paddingMask(keys, padded) }),
    },
    attrs: { heads, kvHeads, causal: false, ...attrs },
  }));
}

/** Cases of `attention`: heads, grouped-query heads, causal (with a KV cache), padding masks, odd sizes. */
export function attentionCases(): ConformanceCase[] {
  return [
    attentionCase('one head 4 queries · 4 keys, headDim 8', { batch: 1, queries: 4, keys: 4, heads: 1, kvHeads: 1, headDim: 8, seed: 300 }, {}),
    attentionCase('causal, 2 heads, batch 2, 5 tokens, headDim 6', { batch: 2, queries: 5, keys: 5, heads: 2, kvHeads: 2, headDim: 6, seed: 303 }, { causal: true }),
    attentionCase('grouped-query: 6 heads on 2 kvHeads, causal', { batch: 1, queries: 7, keys: 7, heads: 6, kvHeads: 2, headDim: 4, seed: 306 }, { causal: true }),
    attentionCase('decode step with a KV cache: 1 query · 9 keys, causal', { batch: 2, queries: 1, keys: 9, heads: 4, kvHeads: 1, headDim: 16, seed: 309 }, { causal: true }),
    attentionCase('3 new queries after 5 cached keys, causal', { batch: 1, queries: 3, keys: 8, heads: 2, kvHeads: 2, headDim: 5, seed: 312 }, { causal: true }),
    attentionCase('padding mask (right padded) with an explicit scale', { batch: 3, queries: 6, keys: 6, heads: 2, kvHeads: 2, headDim: 8, seed: 315 }, { scale: 0.3 }, [0, 2, 5]),
    attentionCase('padding and causal together', { batch: 2, queries: 4, keys: 4, heads: 3, kvHeads: 1, headDim: 7, seed: 318 }, { causal: true }, [1, 0]),
    attentionCase('long context: 2 queries · 300 keys, headDim 64', { batch: 1, queries: 2, keys: 300, heads: 2, kvHeads: 1, headDim: 64, seed: 321 }, {}),
    attentionCase('large scores (softmax must subtract the maximum)', { batch: 1, queries: 3, keys: 5, heads: 1, kvHeads: 1, headDim: 4, seed: 324 }, { scale: 40 }),
    attentionCase('a query that sees no key gets zeros (fully padded row)', { batch: 2, queries: 2, keys: 3, heads: 1, kvHeads: 1, headDim: 4, seed: 327 }, {}, [0, 3]),
    attentionCase('empty batch', { batch: 0, queries: 2, keys: 2, heads: 2, kvHeads: 2, headDim: 4, seed: 330 }, {}),
  ];
}

function ropeCase(name: string, sizes: { batch: number; sequence: number; heads: number; headDim: number; seed: number }, attrs: Partial<OpAttrs<'rope'>>, positions: 'shared' | 'per batch', start = 0): ConformanceCase {
  const { batch, sequence, heads, headDim, seed } = sizes;
  return define('rope', name, () => ({
    inputs: {
      x: normal([batch, sequence, heads * headDim], seed),
      positions:
        positions === 'shared'
          ? tensor(Array.from({ length: sequence }, (_, s) => start + s), { dtype: 's32' })
          : integers([batch, sequence], seed + 1, 0, 4095, 's32'),
    },
    attrs: { headDim, theta: 10000, interleaved: false, ...attrs },
  }));
}

/** Cases of `rope`: both pair conventions, partial rotary dimensions, large positions, per-batch positions. */
export function ropeCases(): ConformanceCase[] {
  return [
    ropeCase('rotate_half, 2 heads of 8, positions 0..4', { batch: 1, sequence: 5, heads: 2, headDim: 8, seed: 340 }, {}, 'shared'),
    ropeCase('interleaved pairs, 3 heads of 4', { batch: 2, sequence: 3, heads: 3, headDim: 4, seed: 342 }, { interleaved: true }, 'shared'),
    ropeCase('decode position 127, theta 500000, headDim 64', { batch: 1, sequence: 1, heads: 4, headDim: 64, seed: 344 }, { theta: 500000 }, 'shared', 127),
    ropeCase('partial rotary: 16 of headDim 32 (GPT-NeoX style)', { batch: 1, sequence: 4, heads: 2, headDim: 32, seed: 346 }, { rotaryDim: 16 }, 'shared'),
    ropeCase('per-batch positions up to 4095, interleaved', { batch: 3, sequence: 2, heads: 1, headDim: 16, seed: 348 }, { interleaved: true }, 'per batch'),
  ];
}
