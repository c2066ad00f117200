import { container, decoderBlock, dense, embedding, input, rmsNorm, type Model } from '@qaxon/graph';
import type { Tensor } from '@qaxon/tensor';
import { biasedDecoderBlock } from './biased-decoder-block.js';
import type { LlamaConfig } from './llama-config.js';

/**
 * Name of the token-id input: s32 `[batch, tokens]`.
 *
 * @example
 * ```ts
 * import { INPUT_IDS } from '@qaxon/pretrained';
 * console.log(INPUT_IDS); // 'input_ids'
 * ```
 */
export const INPUT_IDS = 'input_ids';

/**
 * Name of the positions input: s32 `[tokens]` (`past, past + 1, ...`), shared by the batch.
 *
 * @example
 * ```ts
 * import { POSITION_IDS } from '@qaxon/pretrained';
 * console.log(POSITION_IDS); // 'position_ids'
 * ```
 */
export const POSITION_IDS = 'position_ids';

/**
 * The input and output names of one block's key/value cache (see {@link cacheNames}).
 *
 * @example
 * ```ts
 * import { cacheNames, type CacheNames } from '@qaxon/pretrained';
 * const names: CacheNames = cacheNames(3);
 * ```
 */
export interface CacheNames {
  /** Input: past keys `[batch, past, kvHeads · headDim]`. */
  readonly pastKey: string;
  /** Input: past values. */
  readonly pastValue: string;
  /** Output: past and new keys. */
  readonly presentKey: string;
  /** Output: past and new values. */
  readonly presentValue: string;
}

/**
 * The names of block `layer`'s cache inputs (`past_key_values.<layer>.key` / `.value`) and
 * outputs (`present.<layer>.key` / `.value`) in {@link llamaDecoderGraph}.
 *
 * @example
 * ```ts
 * import { cacheNames } from '@qaxon/pretrained';
 * console.log(cacheNames(0).pastKey, cacheNames(0).presentValue); // past_key_values.0.key present.0.value
 * ```
 */
export function cacheNames(layer: number): CacheNames {
  return {
    pastKey: `past_key_values.${layer}.key`,
    pastValue: `past_key_values.${layer}.value`,
    presentKey: `present.${layer}.key`,
    presentValue: `present.${layer}.value`,
  };
}

/**
 * The LLaMA graph for a whole sequence: inputs `input_ids` (s32 `[batch, tokens]`) and
 * `position_ids` (s32 `[tokens]`, usually `0, 1, ..., tokens - 1`), output the logits
 * `[batch, tokens, vocab]`. Layers are named as Hugging Face names the weights:
 * `model.embed_tokens` (`embedding`, kernel `[vocab, hidden]`), `model.layers.<i>`
 * (`decoderBlock` of `@qaxon/graph`), `model.norm` (`rmsNorm`) and `lm_head` (`dense`
 * without bias, kernel `[hidden, vocab]`; with tied embeddings it holds the transposed
 * embedding, so both are stored).
 *
 * @example
 * ```ts
 * import { build } from '@qaxon/graph';
 * import { tensor, template } from '@qaxon/tensor';
 * import { llamaGraph, type LlamaConfig } from '@qaxon/pretrained';
 * const config: LlamaConfig = {
 *   modelType: 'llama', hiddenSize: 16, intermediateSize: 32, layers: 1, heads: 2, kvHeads: 1, headDim: 8,
 *   vocabSize: 10, maxPositions: 32, epsilon: 1e-5, theta: 10000, tiedEmbeddings: false,
 *   interleavedRope: false, bosTokenId: 1, eosTokenId: 2,
 * };
 * const { init, predict } = build(llamaGraph(config));
 * const state = init({ input_ids: template([1, 3], 's32'), position_ids: template([3], 's32') });
 * const logits = await predict(state, { input_ids: tensor([[1, 5, 7]], { dtype: 's32' }), position_ids: tensor([0, 1, 2], { dtype: 's32' }) });
 * console.log(logits.shape); // [1, 3, 10]
 * ```
 */
export function llamaGraph(config: LlamaConfig): Model {
  return llamaLayers(config, false).logits;
}

/**
 * The LLaMA graph for incremental decoding, with the same layers (and so the same state)
 * as {@link llamaGraph}: inputs `input_ids`, `position_ids` (the new tokens' positions,
 * starting at the cache length) and, with `cache: true`, for each block `l`
 * `past_key_values.<l>.key` and `.value` (`[batch, past, kvHeads · headDim]`, keys after
 * RoPE); outputs (a container) `logits` and `present.<l>.key` / `.value`, the caches
 * extended by the new tokens. Prefill a prompt with `cache: false`, then feed one token at
 * a time with `cache: true` and the presents of the previous step as pasts.
 *
 * @example
 * ```ts
 * import { build } from '@qaxon/graph';
 * import { llamaDecoderGraph, type LlamaConfig } from '@qaxon/pretrained';
 * declare const config: LlamaConfig;
 * const step = build(llamaDecoderGraph(config, { cache: true }));
 * console.log(step.layerNames.includes('past_key_values.0.key')); // true
 * ```
 */
export function llamaDecoderGraph(config: LlamaConfig, options: { cache: boolean }): Model<Record<string, Tensor>> {
  const { logits, presents } = llamaLayers(config, options.cache);
  return container({ logits, ...presents });
}

function llamaLayers(config: LlamaConfig, withCache: boolean): { logits: Model; presents: Record<string, Model> } {
  const kvWidth = config.kvHeads * config.headDim;
  const ids = input(INPUT_IDS, { shape: [null, null], dtype: 's32' });
  const positions = input(POSITION_IDS, { shape: [null], dtype: 's32' });
  let hidden = embedding(ids, config.vocabSize, config.hiddenSize, { name: 'model.embed_tokens' });
  const presents: Record<string, Model> = {};
  for (let layer = 0; layer < config.layers; layer++) {
    const names = cacheNames(layer);
    const cache = withCache
      ? { key: input(names.pastKey, { shape: [null, null, kvWidth] }), value: input(names.pastValue, { shape: [null, null, kvWidth] }) }
      : undefined;
    const block = (config.attentionBias === true ? biasedDecoderBlock : decoderBlock)(hidden, {
      prefix: `model.layers.${layer}`,
      heads: config.heads,
      kvHeads: config.kvHeads,
      headDim: config.headDim,
      hidden: config.hiddenSize,
      intermediate: config.intermediateSize,
      epsilon: config.epsilon,
      theta: config.theta,
      interleaved: config.interleavedRope,
      positions,
      ...(cache === undefined ? {} : { cache }),
    });
    hidden = block.output;
    presents[names.presentKey] = block.key;
    presents[names.presentValue] = block.value;
  }
  const normed = rmsNorm(hidden, { name: 'model.norm', epsilon: config.epsilon });
  const logits = dense(normed, config.vocabSize, { name: 'lm_head', useBias: false });
  return { logits, presents };
}
