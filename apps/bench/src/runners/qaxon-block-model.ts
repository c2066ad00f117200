import type * as QaxonGraph from '@qaxon/graph';
import type { Model } from '@qaxon/graph';
import { blockPrefix } from '../workloads/block-weights.js';
import type { BlockShape } from '../workloads/block-shapes.js';

/**
 * The names of the inputs of {@link qaxonBlockModel}: `x` and, for BERT, the s32 padding
 * `mask` `[1, tokens]`; for a LLaMA step the s32 `positions` `[1]` and the KV cache
 * `past_key` / `past_value` `[1, past, kvHeads · headDim]`.
 *
 * @example
 * ```ts
 * console.log(QAXON_BLOCK_INPUTS.llama); // ['x', 'positions', 'past_key', 'past_value']
 * ```
 */
export const QAXON_BLOCK_INPUTS = Object.freeze({ bert: ['x', 'mask'], llama: ['x', 'positions', 'past_key', 'past_value'] });

/**
 * The block of `shape` built with `@qaxon/graph`'s `encoderBlock` (BERT: post-LayerNorm,
 * GELU erf, padding mask) or `decoderBlock` (LLaMA: RMSNorm, RoPE, GQA with a KV cache,
 * SiLU-gated MLP; the model's output is the block's output, the present cache is not
 * returned), layers named as Hugging Face names them under {@link blockPrefix}. `graph` is
 * the `@qaxon/graph` module (imported where the runner starts).
 *
 * @example
 * ```ts
 * import * as graph from '@qaxon/graph';
 * const model = qaxonBlockModel(graph, { family: 'bert', tokens: 4, hidden: 8, heads: 2, intermediate: 16, epsilon: 1e-12 });
 * ```
 */
export function qaxonBlockModel(graph: typeof QaxonGraph, shape: BlockShape): Model {
  const prefix = blockPrefix(shape);
  if (shape.family === 'bert') {
    const x = graph.input('x', { shape: [1, shape.tokens, shape.hidden] });
    const mask = graph.input('mask', { shape: [1, shape.tokens], dtype: 's32' });
    return graph.encoderBlock(x, { prefix, heads: shape.heads, intermediate: shape.intermediate, epsilon: shape.epsilon, mask });
  }
  const cache = [1, shape.past, shape.kvHeads * shape.headDim];
  const x = graph.input('x', { shape: [1, 1, shape.hidden] });
  const positions = graph.input('positions', { shape: [1], dtype: 's32' });
  const key = graph.input('past_key', { shape: cache });
  const value = graph.input('past_value', { shape: cache });
  return graph.decoderBlock(x, {
    prefix,
    heads: shape.heads,
    kvHeads: shape.kvHeads,
    headDim: shape.headDim,
    intermediate: shape.intermediate,
    epsilon: shape.epsilon,
    theta: shape.theta,
    positions,
    cache: { key, value },
  }).output;
}
