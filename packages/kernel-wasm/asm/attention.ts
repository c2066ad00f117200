// Fused scaled dot-product attention in f32 SIMD. Without a causal limit, queries go in
// blocks of four (asm/attention-block.ts: each key and value row is read once for the
// four); causal rows, and the last queries, go one at a time (asm/attention-row.ts). The
// scores of the block (four rows of `keys` floats) are the only intermediate. Heads that
// share a key/value head (grouped-query) run one after the other, so that head's keys and
// values stay in cache; a decode step (one query, many keys) is the one-row loop with one
// row per head.
//
// Semantics follow the reference op: keys with mask 0 and, when causal, keys past
// `keys - queries + i` are skipped entirely (their values are never read); a NaN score
// makes the row NaN; a query that sees no key gets zeros.
import { attendFourQueries } from './attention-block';
import { scoreRow, weighRow, weightedSum } from './attention-row';

/**
 * out[b, i, h·headDim ..] = softmax(scale · q k^T) v for every batch entry, head and query.
 * Rows are row-major f32; `mask` is s32 [batch, keys] (0 for none); `scores` holds 4 rows
 * of `keys` floats rounded up to a multiple of 4 (SCORE_ROWS · keysRounded).
 */
export function attentionF32(
  q: usize,
  k: usize,
  v: usize,
  mask: usize,
  out: usize,
  scores: usize,
  batch: i32,
  queries: i32,
  keys: i32,
  heads: i32,
  kvHeads: i32,
  headDim: i32,
  scale: f32,
  causal: bool,
): void {
  const headBytes = <usize>headDim << 2;
  const qStride = <usize>heads * headBytes;
  const kvStride = <usize>kvHeads * headBytes;
  const group = heads / kvHeads;
  for (let b = 0; b < batch; b++) {
    const maskRow = mask === 0 ? 0 : mask + ((<usize>b * <usize>keys) << 2);
    const kBatch = k + <usize>b * <usize>keys * kvStride;
    const vBatch = v + <usize>b * <usize>keys * kvStride;
    for (let h = 0; h < heads; h++) {
      const kvOffset = <usize>(h / group) * headBytes;
      let i = 0;
      // Without causal limits every query sees the same keys: four at a time, each key and value row read once for the four.
      if (!causal && keys > 0) {
        for (; i + 4 <= queries; i += 4) {
          const row = (<usize>b * <usize>queries + <usize>i) * qStride + <usize>h * headBytes;
          attendFourQueries(q + row, qStride, kBatch + kvOffset, vBatch + kvOffset, kvStride, keys, headDim, scale, maskRow, scores, out + row);
        }
      }
      for (; i < queries; i++) {
        const count = causal ? min(keys, keys - queries + i + 1) : keys;
        const row = (<usize>b * <usize>queries + <usize>i) * qStride + <usize>h * headBytes;
        const seen = count > 0 ? scoreRow(q + row, kBatch + kvOffset, kvStride, count, headDim, scale, maskRow, scores) : 0;
        if (seen === 0) {
          memory.fill(out + row, 0, headBytes);
          continue;
        }
        const total = weighRow(scores, count);
        weightedSum(scores, count, maskRow, vBatch + kvOffset, kvStride, headDim, total, out + row, 0);
      }
    }
  }
}

