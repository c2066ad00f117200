import { describeValue } from '@qaxon/tensor';
import { add, concatenate, multiply } from '../builders/combinators.js';
import { attention } from '../builders/attention.js';
import { silu } from '../builders/activations.js';
import { booleanOption, positiveIntegerOption, positiveNumberOption } from '../builders/check-options.js';
import { dense } from '../builders/dense.js';
import { rmsNorm } from '../builders/rms-norm.js';
import { rotaryEmbedding } from '../builders/rotary-embedding.js';
import { LayerOptionError } from '../errors.js';
import type { InitializerSpec } from '../initializers/initializer.js';
import { isModel, type Model } from '../model.js';
import { blockWidth } from './block-width.js';
import { checkBlockOptions } from './check-block-options.js';

/**
 * A block's key/value cache as models: `key` and `value` `[batch, past, kvHeads · headDim]`,
 * the key after RoPE (what {@link decoderBlock} returns as `key` and `value`).
 *
 * @example
 * ```ts
 * import { input, type KeyValueCache } from '@qaxon/graph';
 * const cache: KeyValueCache = {
 *   key: input('past_key', { shape: [null, null, 64] }),
 *   value: input('past_value', { shape: [null, null, 64] }),
 * };
 * ```
 */
export interface KeyValueCache {
  /** Past keys, after RoPE. */
  readonly key: Model;
  /** Past values. */
  readonly value: Model;
}

/**
 * Options of {@link decoderBlock}.
 *
 * @example
 * ```ts
 * import { input, type DecoderBlockOptions } from '@qaxon/graph';
 * const options: DecoderBlockOptions = {
 *   prefix: 'model.layers.0', heads: 32, kvHeads: 8, intermediate: 14336, epsilon: 1e-5, theta: 500000,
 *   positions: input('position_ids', { shape: [null], dtype: 's32' }),
 * };
 * ```
 */
export interface DecoderBlockOptions {
  /** Name prefix of the block's layers, as in the checkpoint: `model.layers.0`. */
  prefix: string;
  /** Query heads. */
  heads: number;
  /** Key/value heads, dividing `heads` (default `heads`; fewer: grouped-query attention). */
  kvHeads?: number;
  /** Entries per head (default `hidden / heads`). */
  headDim?: number;
  /** Model width (default: the last axis of `x`, read from the declared input shapes). */
  hidden?: number;
  /** Width of the gated MLP (`intermediate_size`). */
  intermediate: number;
  /** The RMSNorms' epsilon (`rms_norm_eps`, default 1e-6). */
  epsilon?: number;
  /** RoPE base (`rope_theta`, default 10000). */
  theta?: number;
  /** RoPE pairs `(2i, 2i + 1)` instead of Hugging Face's `rotate_half` halves (default false). */
  interleaved?: boolean;
  /** Rotate only the first `rotaryDim` entries of each head (default `headDim`). */
  rotaryDim?: number;
  /** s32 positions of the new tokens, `[tokens]` or `[batch, tokens]` (past length onward with a cache). */
  positions: Model;
  /** s32 padding mask over all keys (past + new), `[batch, keys]` (0: padding). */
  mask?: Model;
  /** The past keys and values; the block attends to them and returns them extended. */
  cache?: KeyValueCache;
  /** Initializer of the dense kernels (default `'glorotUniform'`); checkpoints replace them. */
  kernelInitializer?: InitializerSpec;
}

/**
 * What {@link decoderBlock} returns: the block's output and its present cache.
 *
 * @example
 * ```ts
 * import { container, type DecoderBlockOutputs } from '@qaxon/graph';
 * const step = (block: DecoderBlockOutputs) => container({ hidden: block.output, key: block.key, value: block.value });
 * ```
 */
export interface DecoderBlockOutputs {
  /** The block's output `[batch, tokens, hidden]`. */
  readonly output: Model;
  /** The present keys `[batch, past + tokens, kvHeads · headDim]`, after RoPE. */
  readonly key: Model;
  /** The present values `[batch, past + tokens, kvHeads · headDim]`. */
  readonly value: Model;
}

/**
 * Adds a LLaMA decoder block (pre-norm, Hugging Face's `LlamaDecoderLayer`) on
 * `x [batch, tokens, hidden]`:
 *
 * ```text
 * x ─┬─ rmsNorm input_layernorm ─┬─ q_proj ── rope ────────────────┐
 *    │                           ├─ k_proj ── rope ── ++ cache.key ─┼─ attention (causal, GQA) ── o_proj ─┐
 *    │                           └─ v_proj ────────── ++ cache.value┘                                      │
 *    └──────────────────────────────────────────────────────────────────────────────────────────────── + ─┤ h
 * h ─┬─ rmsNorm post_attention_layernorm ─┬─ gate_proj ── silu ─┐
 *    │                                    └─ up_proj ─────────── × ── down_proj ─┐
 *    └─────────────────────────────────────────────────────────────────────────── + ── output
 * ```
 *
 * Every projection is an ordinary `dense` node without bias (kernel `[in, units]`, the
 * transpose of the PyTorch weight), named as in the checkpoint
 * (`${prefix}.self_attn.q_proj`, ..., `${prefix}.mlp.down_proj`), so weights load by name
 * and `quantize` finds all seven; the norms are `${prefix}.input_layernorm` and
 * `${prefix}.post_attention_layernorm` (parameter `gamma`). Returns the output and the
 * present `key`/`value` (`[batch, past + tokens, kvHeads · headDim]`): feed them back as
 * `cache` (through model inputs) to decode the next token without recomputing the past.
 *
 * @example
 * ```ts
 * import { template } from '@qaxon/tensor';
 * import { build, container, decoderBlock, input } from '@qaxon/graph';
 * const x = input('hidden', { shape: [1, null, 64] });
 * const positions = input('position_ids', { shape: [null], dtype: 's32' });
 * const cache = { key: input('past_key', { shape: [1, null, 32] }), value: input('past_value', { shape: [1, null, 32] }) };
 * const block = decoderBlock(x, { prefix: 'model.layers.0', heads: 4, kvHeads: 2, intermediate: 128, epsilon: 1e-5, theta: 10000, positions, cache });
 * const step = container({ hidden: block.output, key: block.key, value: block.value });
 * const state = build(step).init({
 *   hidden: template([1, 1, 64]),
 *   position_ids: template([1], 's32'),
 *   past_key: template([1, 7, 32]),
 *   past_value: template([1, 7, 32]),
 * });
 * ```
 */
export function decoderBlock(x: Model, options: DecoderBlockOptions): DecoderBlockOutputs {
  const where = `decoderBlock '${String((options as { prefix?: unknown } | undefined)?.prefix)}'`;
  checkBlockOptions(x, options, 'decoderBlock');
  const { prefix } = options;
  const heads = positiveIntegerOption(options.heads, where, 'heads');
  const kvHeads = positiveIntegerOption(options.kvHeads ?? heads, where, 'kvHeads');
  if (heads % kvHeads !== 0) throw new LayerOptionError(`${where}: expected option kvHeads to divide heads (${heads}), got ${kvHeads}`);
  const hidden = blockWidth(x, options.hidden, where);
  if (options.headDim === undefined && hidden % heads !== 0) {
    throw new LayerOptionError(`${where}: expected heads to divide the width ${hidden} (or option headDim), got heads ${heads}`);
  }
  const headDim = positiveIntegerOption(options.headDim ?? hidden / heads, where, 'headDim');
  const intermediate = positiveIntegerOption(options.intermediate, where, 'intermediate');
  const epsilon = positiveNumberOption(options.epsilon ?? 1e-6, where, 'epsilon');
  const theta = positiveNumberOption(options.theta ?? 10000, where, 'theta');
  const interleaved = booleanOption(options.interleaved ?? false, where, 'interleaved');
  if (!isModel(options.positions)) throw new LayerOptionError(`${where}: expected option positions to be a model (an s32 input [tokens] or [batch, tokens]), got ${describeValue(options.positions)}`);
  const cache = checkCache(options.cache, where);
  const projection = (input: Model, name: string, units: number): Model =>
    dense(input, units, { name: `${prefix}.${name}`, useBias: false, ...(options.kernelInitializer === undefined ? {} : { kernelInitializer: options.kernelInitializer }) });
  const rope = { headDim, theta, interleaved, ...(options.rotaryDim === undefined ? {} : { rotaryDim: options.rotaryDim }) };

  const normed = rmsNorm(x, { name: `${prefix}.input_layernorm`, epsilon });
  const query = rotaryEmbedding(projection(normed, 'self_attn.q_proj', heads * headDim), options.positions, { ...rope, name: `${prefix}.self_attn.q_rope` });
  const newKey = rotaryEmbedding(projection(normed, 'self_attn.k_proj', kvHeads * headDim), options.positions, { ...rope, name: `${prefix}.self_attn.k_rope` });
  const newValue = projection(normed, 'self_attn.v_proj', kvHeads * headDim);
  const key = cache === undefined ? newKey : concatenate(cache.key, newKey, { axis: 1, name: `${prefix}.self_attn.present_key` });
  const value = cache === undefined ? newValue : concatenate(cache.value, newValue, { axis: 1, name: `${prefix}.self_attn.present_value` });
  const attended = attention(query, key, value, {
    name: `${prefix}.self_attn.attention`,
    heads,
    kvHeads,
    causal: true,
    ...(options.mask === undefined ? {} : { mask: options.mask }),
  });
  const h = add(x, projection(attended, 'self_attn.o_proj', hidden), { name: `${prefix}.self_attn.residual` });

  const normedH = rmsNorm(h, { name: `${prefix}.post_attention_layernorm`, epsilon });
  const gate = silu(projection(normedH, 'mlp.gate_proj', intermediate), { name: `${prefix}.mlp.act_fn` });
  const gated = multiply(gate, projection(normedH, 'mlp.up_proj', intermediate), { name: `${prefix}.mlp.gated` });
  const output = add(h, projection(gated, 'mlp.down_proj', hidden), { name: `${prefix}.mlp.residual` });
  return { output, key, value };
}

function checkCache(cache: KeyValueCache | undefined, where: string): KeyValueCache | undefined {
  if (cache === undefined) return undefined;
  if (cache === null || typeof cache !== 'object' || !isModel(cache.key) || !isModel(cache.value)) {
    throw new LayerOptionError(`${where}: expected option cache to be { key: Model, value: Model } ([batch, past, kvHeads · headDim] each), got ${describeValue(cache)}`);
  }
  return cache;
}
