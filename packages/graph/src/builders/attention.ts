import { describeValue } from '@qaxon/tensor';
import { LayerOptionError } from '../errors.js';
import { isModel, type Model } from '../model.js';
import { booleanOption, builderLabel, namedLayer, positiveIntegerOption } from './check-options.js';
import { layer } from './layer.js';

/**
 * Options of {@link attention}.
 *
 * @example
 * ```ts
 * import type { AttentionOptions } from '@qaxon/graph';
 * const llama: AttentionOptions = { heads: 32, kvHeads: 8, causal: true };
 * ```
 */
export interface AttentionOptions {
  /** Explicit layer name (otherwise `attention_<n>`). */
  name?: string;
  /** Query heads: the query's last axis is `heads · headDim`. */
  heads: number;
  /** Key/value heads, dividing `heads` (default `heads`; fewer is grouped-query attention). */
  kvHeads?: number;
  /** Query `i` sees only keys at positions `<= keys - queries + i` (default false). */
  causal?: boolean;
  /** Multiplies the scores `q · k` (default `1 / sqrt(headDim)`). */
  scale?: number;
  /** An s32 padding mask `[batch, keys]` (0: never attended), e.g. BERT's `attention_mask`. */
  mask?: Model;
}

/**
 * Adds scaled dot-product attention (one `attention` op call):
 * `softmax(q · kᵀ · scale + masks) · v` per head, on `query [batch, queries, heads · headDim]`
 * and `key`/`value [batch, keys, kvHeads · headDim]` (the heads side by side on the last
 * axis, as projections give them), to `[batch, queries, heads · headDim]`. Query head `h`
 * reads key/value head `floor(h / (heads / kvHeads))` (grouped-query attention). `causal`
 * places the queries at the last positions, so with a KV cache (keys = past + new) a new
 * token sees every past one; `mask` hides padding keys. A query that sees no key gets
 * zeros.
 *
 * @example
 * ```ts
 * import { attention, dense, input } from '@qaxon/graph';
 * const x = input('hidden', { shape: [null, null, 64] });
 * const mask = input('attention_mask', { shape: [null, null], dtype: 's32' });
 * const context = attention(dense(x, 64), dense(x, 64), dense(x, 64), { heads: 4, mask });
 * ```
 */
export function attention(query: Model, key: Model, value: Model, options: AttentionOptions): Model {
  if (options === null || typeof options !== 'object') throw new LayerOptionError(`attention: expected options with at least heads, got ${describeValue(options)}`);
  const where = builderLabel('attention', options.name);
  const heads = positiveIntegerOption(options.heads, where, 'heads');
  const kvHeads = positiveIntegerOption(options.kvHeads ?? heads, where, 'kvHeads');
  if (heads % kvHeads !== 0) throw new LayerOptionError(`${where}: expected option kvHeads to divide heads (${heads}), got ${kvHeads}`);
  const causal = booleanOption(options.causal ?? false, where, 'causal');
  const scale = options.scale;
  if (scale !== undefined && (typeof scale !== 'number' || !Number.isFinite(scale))) {
    throw new LayerOptionError(`${where}: expected option scale to be a finite number, got ${describeValue(scale)}`);
  }
  if (options.mask !== undefined && !isModel(options.mask)) {
    throw new LayerOptionError(`${where}: expected option mask to be a model (an s32 input [batch, keys]), got ${describeValue(options.mask)}`);
  }
  const inputs = options.mask === undefined ? [query, key, value] : [query, key, value, options.mask];
  return layer('attention', inputs, {
    ...namedLayer(options),
    opName: 'attention',
    opts: { heads, kvHeads, causal, ...(scale === undefined ? {} : { scale }) },
  });
}
