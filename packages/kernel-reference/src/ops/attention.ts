import { Tensor, attentionDimensions, type OpAttrs, type OpInputs } from '@qaxon/tensor';
import { f32Of, tensorOf } from './host-values.js';

/**
 * `attention`, scaled dot-product, in float64 and rounded once to f32: for each batch entry
 * `b`, query head `h` (reading key/value head `floor(h · kvHeads / heads)`) and query `i`,
 * the scores `s_j = scale · Σ_d q_d k_jd` over the keys `j` it may see (mask nonzero, and
 * with `causal`, `j <= keys - queries + i`), `p_j = exp(s_j - max s) / Σ exp(s - max s)`,
 * output `Σ_j p_j v_j`. A query that may see no key gets zeros.
 */
export function attentionOp(inputs: OpInputs<'attention'>, attrs: OpAttrs<'attention'>): Tensor {
  const { batch, queries, keys, heads, kvHeads, headDim, scale } = attentionDimensions(inputs, attrs);
  const q = f32Of(inputs.query);
  const k = f32Of(inputs.key);
  const v = f32Of(inputs.value);
  const mask = inputs.mask === undefined ? undefined : (tensorOf(inputs.mask).data as Int32Array);
  const queryWidth = heads * headDim;
  const kvWidth = kvHeads * headDim;
  const group = heads / kvHeads;
  const out = new Float32Array(batch * queries * queryWidth);
  const scores = new Float64Array(keys);
  const sum = new Float64Array(headDim);
  for (let b = 0; b < batch; b++) {
    for (let h = 0; h < heads; h++) {
      const kvHead = Math.floor(h / group);
      for (let i = 0; i < queries; i++) {
        const last = attrs.causal ? Math.min(keys - 1, keys - queries + i) : keys - 1;
        const qBase = (b * queries + i) * queryWidth + h * headDim;
        let max = -Infinity;
        let seen = 0;
        for (let j = 0; j <= last; j++) {
          if (mask !== undefined && mask[b * keys + j] === 0) {
            scores[j] = Number.NaN;
            continue;
          }
          const kBase = (b * keys + j) * kvWidth + kvHead * headDim;
          let dot = 0;
          for (let d = 0; d < headDim; d++) dot += q[qBase + d]! * k[kBase + d]!;
          const score = dot * scale;
          scores[j] = score;
          seen++;
          if (!Number.isNaN(max) && !(score <= max)) max = score; // a NaN score makes the row NaN
        }
        if (seen === 0) continue;
        sum.fill(0);
        let total = 0;
        for (let j = 0; j <= last; j++) {
          if (mask !== undefined && mask[b * keys + j] === 0) continue;
          const weight = Math.exp(scores[j]! - max);
          total += weight;
          const vBase = (b * keys + j) * kvWidth + kvHead * headDim;
          for (let d = 0; d < headDim; d++) sum[d] = sum[d]! + weight * v[vBase + d]!;
        }
        for (let d = 0; d < headDim; d++) out[qBase + d] = sum[d]! / total;
      }
    }
  }
  return new Tensor(out, inputs.query.shape, 'f32');
}
