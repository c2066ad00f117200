import { randomNormal, reshape, tensor, type Tensor } from '@qaxon/tensor';
import { describe, expect, it } from 'vitest';
import { call } from '../test-support/call.js';

const s32 = (values: number[] | number[][]): Tensor<'s32'> => tensor(values, { dtype: 's32' });

/** Attention composed from matMul, softmax and masks (one head), as a second derivation. */
function composedAttention(q: Tensor, k: Tensor, v: Tensor, scale: number, allowed: (i: number, j: number) => boolean): number[][] {
  const scores = call('matMul', { a: q, b: k }, { transposeB: true }).toArray() as number[][];
  const masked = scores.map((row, i) => row.map((s, j) => (allowed(i, j) ? s * scale : -Infinity)));
  const p = call('softmax', { x: tensor(masked) }, { axis: -1 });
  return call('matMul', { a: p, b: v }, {}).toArray() as number[][];
}

function expectClose(actual: number[][], expected: number[][]): void {
  actual.forEach((row, i) => row.forEach((value, j) => expect(value).toBeCloseTo(expected[i]![j]!, 5)));
}

describe('attention', () => {
  it('matches matMul -> scaled, causally masked softmax -> matMul for one head, with a KV cache offset', () => {
    const q = randomNormal([3, 4], { seed: 1 });
    const k = randomNormal([5, 4], { seed: 2 });
    const v = randomNormal([5, 4], { seed: 3 });
    const out = call('attention', { query: reshape(q, [1, 3, 4]), key: reshape(k, [1, 5, 4]), value: reshape(v, [1, 5, 4]) }, { heads: 1, kvHeads: 1, causal: true });
    expectClose((out.toArray() as number[][][])[0]!, composedAttention(q, k, v, 0.5, (i, j) => j <= 5 - 3 + i));
  });

  it('shares one key/value head between query heads (grouped-query) and skips padded keys', () => {
    const q = randomNormal([1, 2, 8], { seed: 4 }); // 2 heads of 4
    const k = randomNormal([1, 3, 4], { seed: 5 }); // 1 kv head
    const v = randomNormal([1, 3, 4], { seed: 6 });
    const out = call('attention', { query: q, key: k, value: v, mask: s32([[1, 1, 0]]) }, { heads: 2, kvHeads: 1, causal: false });
    const k2 = reshape(k, [3, 4]);
    const v2 = reshape(v, [3, 4]);
    const rows = reshape(q, [2, 8]).toArray() as number[][];
    for (let head = 0; head < 2; head++) {
      const qHead = tensor(rows.map((row) => row.slice(head * 4, head * 4 + 4)));
      const expected = composedAttention(qHead, k2, v2, 0.5, (_, j) => j < 2);
      const actual = (out.toArray() as number[][][])[0]!.map((row) => row.slice(head * 4, head * 4 + 4));
      expectClose(actual, expected);
    }
  });

  it('gives zeros to a query that may see no key', () => {
    const out = call('attention', { query: tensor([[[1, 2]]]), key: tensor([[[1, 1]]]), value: tensor([[[5, 6]]]), mask: s32([[0]]) }, { heads: 1, kvHeads: 1, causal: false });
    expect(out.toArray()).toEqual([[[0, 0]]]);
  });

  it('refuses kvHeads that do not divide heads, naming both', () => {
    const x = randomNormal([1, 2, 6], { seed: 7 });
    expect(() => call('attention', { query: x, key: x, value: x }, { heads: 3, kvHeads: 2, causal: false })).toThrow(/kvHeads to divide heads.*heads 3 and kvHeads 2/);
  });
});

describe('rope', () => {
  it('leaves position 0 unchanged and rotates pairs by position · theta^(-2i/d)', () => {
    const x = tensor([[[1, 0, 0, 1], [1, 0, 0, 1]]]); // one head of 4: pairs (0, 2) and (1, 3)
    const out = call('rope', { x, positions: s32([0, 1]) }, { headDim: 4, theta: 100, interleaved: false }).toArray() as number[][][];
    expect(out[0]![0]).toEqual([1, 0, 0, 1]);
    const [a0, a1] = [1, 1 / 10]; // theta^0, theta^(-2/4)
    const expected = [Math.cos(a0), -Math.sin(a1), Math.sin(a0), Math.cos(a1)];
    out[0]![1]!.forEach((value, i) => expect(value).toBeCloseTo(expected[i]!, 6));
  });

  it('interleaved pairs equal rotate_half on the de-interleaved head', () => {
    const x = randomNormal([2, 3, 8], { seed: 8 });
    const positions = s32([[3, 4, 5], [100, 7, 9]]);
    const deinterleave = [0, 2, 4, 6, 1, 3, 5, 7];
    const permuted = call('reshape', { x: call('transpose', { x: reshape(x, [2, 3, 1, 4, 2]) }, { permutation: [0, 1, 2, 4, 3] }) }, { shape: [2, 3, 8] });
    const viaHalf = call('rope', { x: permuted, positions }, { headDim: 8, theta: 10000, interleaved: false }).toArray() as number[][][];
    const viaPairs = call('rope', { x, positions }, { headDim: 8, theta: 10000, interleaved: true }).toArray() as number[][][];
    viaPairs.forEach((rows, b) => rows.forEach((row, s) => deinterleave.forEach((from, to) => expect(viaHalf[b]![s]![to]).toBe(row[from]))));
  });
});
