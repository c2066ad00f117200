import { add, attention, concatenate, container, dense, embedding, geluTanh, input, layerNorm, split, type Model } from '@qaxon/graph';
import type { Tensor } from '@qaxon/tensor';
import type { Gpt2Config } from './gpt2-config.js';
import { INPUT_IDS, POSITION_IDS, cacheNames } from './llama-graph.js';

/**
 * The GPT-2 graph (`GPT2LMHeadModel`) for a whole sequence: inputs `input_ids` (s32
 * `[batch, tokens]`) and `position_ids` (s32 `[tokens]`), output the logits
 * `[batch, tokens, vocab]`. Layers are named as Hugging Face names the weights:
 * `transformer.wte` and `transformer.wpe` (`embedding`), per block `transformer.h.<i>.ln_1`,
 * `.attn.c_attn` (one dense to `3 · hidden`, split into query, key and value),
 * `.attn.c_proj`, `.ln_2`, `.mlp.c_fc` (then the tanh GELU, `gelu_new`), `.mlp.c_proj`
 * (pre-LayerNorm, causal attention), then `transformer.ln_f` and `lm_head` (dense without
 * bias; tied: the transposed `wte`).
 *
 * @example
 * ```ts
 * import { build } from '@qaxon/graph';
 * import { gpt2Graph, parseGpt2Config } from '@qaxon/pretrained';
 * const model = gpt2Graph(parseGpt2Config({ model_type: 'gpt2', n_embd: 16, n_layer: 1, n_head: 2, vocab_size: 50 }));
 * console.log(build(model).layerNames.includes('transformer.h.0.attn.c_attn')); // true
 * ```
 */
export function gpt2Graph(config: Gpt2Config): Model {
  return gpt2Layers(config, false).logits;
}

/**
 * The GPT-2 graph for incremental decoding, like `llamaDecoderGraph` (same input and
 * output names, so `generate` runs it): with `cache: true`, inputs
 * `past_key_values.<l>.key` / `.value` `[batch, past, hidden]`; outputs `logits` and
 * `present.<l>.key` / `.value`.
 *
 * @example
 * ```ts
 * import { build } from '@qaxon/graph';
 * import { gpt2DecoderGraph, type Gpt2Config } from '@qaxon/pretrained';
 * declare const config: Gpt2Config;
 * const step = build(gpt2DecoderGraph(config, { cache: true }));
 * ```
 */
export function gpt2DecoderGraph(config: Gpt2Config, options: { cache: boolean }): Model<Record<string, Tensor>> {
  const { logits, presents } = gpt2Layers(config, options.cache);
  return container({ logits, ...presents });
}

function gpt2Layers(config: Gpt2Config, withCache: boolean): { logits: Model; presents: Record<string, Model> } {
  const { hiddenSize: hidden, epsilon } = config;
  const ids = input(INPUT_IDS, { shape: [null, null], dtype: 's32' });
  const positions = input(POSITION_IDS, { shape: [null], dtype: 's32' });
  let x = add(embedding(ids, config.vocabSize, hidden, { name: 'transformer.wte' }), embedding(positions, config.maxPositions, hidden, { name: 'transformer.wpe' }), {
    name: 'transformer.embeddings',
  });
  const presents: Record<string, Model> = {};
  for (let layer = 0; layer < config.layers; layer++) {
    const prefix = `transformer.h.${layer}`;
    const names = cacheNames(layer);
    const normed = layerNorm(x, { name: `${prefix}.ln_1`, epsilon });
    const [query, newKey, newValue] = split(dense(normed, 3 * hidden, { name: `${prefix}.attn.c_attn` }), 3, { axis: -1, name: `${prefix}.attn.split` }) as [Model, Model, Model];
    let key = newKey;
    let value = newValue;
    if (withCache) {
      key = concatenate(input(names.pastKey, { shape: [null, null, hidden] }), newKey, { axis: 1, name: `${prefix}.attn.key_cache` });
      value = concatenate(input(names.pastValue, { shape: [null, null, hidden] }), newValue, { axis: 1, name: `${prefix}.attn.value_cache` });
    }
    presents[names.presentKey] = key;
    presents[names.presentValue] = value;
    const attended = attention(query, key, value, { name: `${prefix}.attn.attention`, heads: config.heads, causal: true });
    x = add(x, dense(attended, hidden, { name: `${prefix}.attn.c_proj` }), { name: `${prefix}.attn.residual` });
    const expanded = geluTanh(dense(layerNorm(x, { name: `${prefix}.ln_2`, epsilon }), config.intermediateSize, { name: `${prefix}.mlp.c_fc` }), { name: `${prefix}.mlp.act` });
    x = add(x, dense(expanded, hidden, { name: `${prefix}.mlp.c_proj` }), { name: `${prefix}.mlp.residual` });
  }
  const normed = layerNorm(x, { name: 'transformer.ln_f', epsilon });
  return { logits: dense(normed, config.vocabSize, { name: 'lm_head', useBias: false }), presents };
}
