import { add, embedding, encoderBlock, input, layerNorm, type Model } from '@qaxon/graph';
import { Tensor } from '@qaxon/tensor';
import type { BertConfig } from './bert-config.js';
import { PretrainedError } from './errors.js';
import { INPUT_IDS, POSITION_IDS } from './llama-graph.js';

/**
 * Name of BERT's padding-mask input: s32 `[batch, tokens]`, 1 for a token, 0 for padding.
 *
 * @example
 * ```ts
 * import { ATTENTION_MASK } from '@qaxon/pretrained';
 * console.log(ATTENTION_MASK); // 'attention_mask'
 * ```
 */
export const ATTENTION_MASK = 'attention_mask';

/**
 * Name of BERT's segment input: s32 `[batch, tokens]` (0 for the first sentence, 1 for the second).
 *
 * @example
 * ```ts
 * import { TOKEN_TYPE_IDS } from '@qaxon/pretrained';
 * console.log(TOKEN_TYPE_IDS); // 'token_type_ids'
 * ```
 */
export const TOKEN_TYPE_IDS = 'token_type_ids';

/**
 * The BERT graph (`BertModel` without its pooler): inputs `input_ids`, `token_type_ids`,
 * `attention_mask` (s32 `[batch, tokens]`) and `position_ids` (s32 `[tokens]`); output the
 * last hidden state `[batch, tokens, hidden]`. Layers named as the checkpoint names them
 * (without a `bert.` prefix): `embeddings.word_embeddings`, `.position_embeddings`,
 * `.token_type_embeddings`, `embeddings.LayerNorm`, then `encoder.layer.<i>`
 * (`encoderBlock` of `@qaxon/graph`: post-LayerNorm, erf GELU, padding mask).
 * {@link bertInputs} makes the inputs; {@link meanPooling} turns the output into sentence
 * embeddings.
 *
 * @example
 * ```ts
 * import { build } from '@qaxon/graph';
 * import { bertGraph, parseBertConfig } from '@qaxon/pretrained';
 * const model = bertGraph(parseBertConfig({ model_type: 'bert', hidden_size: 16, intermediate_size: 32, num_hidden_layers: 1, num_attention_heads: 2, vocab_size: 50 }));
 * console.log(build(model).layerNames.includes('encoder.layer.0.attention.self.query')); // true
 * ```
 */
export function bertGraph(config: BertConfig): Model {
  const { hiddenSize: hidden, epsilon } = config;
  const ids = input(INPUT_IDS, { shape: [null, null], dtype: 's32' });
  const types = input(TOKEN_TYPE_IDS, { shape: [null, null], dtype: 's32' });
  const mask = input(ATTENTION_MASK, { shape: [null, null], dtype: 's32' });
  const positions = input(POSITION_IDS, { shape: [null], dtype: 's32' });
  const summed = add(
    [
      embedding(ids, config.vocabSize, hidden, { name: 'embeddings.word_embeddings' }),
      embedding(positions, config.maxPositions, hidden, { name: 'embeddings.position_embeddings' }),
      embedding(types, config.typeVocabSize, hidden, { name: 'embeddings.token_type_embeddings' }),
    ],
    { name: 'embeddings.sum' },
  );
  let x = layerNorm(summed, { name: 'embeddings.LayerNorm', epsilon });
  for (let layer = 0; layer < config.layers; layer++) {
    x = encoderBlock(x, { prefix: `encoder.layer.${layer}`, heads: config.heads, intermediate: config.intermediateSize, epsilon, hidden, mask });
  }
  return x;
}

/**
 * The inputs of {@link bertGraph}.
 *
 * @example
 * ```ts
 * import { bertInputs, type BertInputs } from '@qaxon/pretrained';
 * const inputs: BertInputs = bertInputs([[101, 7592, 102]]);
 * ```
 */
export type BertInputs = {
  /** s32 `[batch, tokens]`. */
  input_ids: Tensor<'s32'>;
  /** s32 `[batch, tokens]`. */
  token_type_ids: Tensor<'s32'>;
  /** s32 `[batch, tokens]`. */
  attention_mask: Tensor<'s32'>;
  /** s32 `[tokens]`. */
  position_ids: Tensor<'s32'>;
};

/**
 * The inputs of a BERT graph for rows of token ids; rows of different lengths are padded
 * with `padId` (default 0) and masked out. Token types default to 0.
 *
 * @example
 * ```ts
 * import { bertInputs } from '@qaxon/pretrained';
 * const { attention_mask } = bertInputs([[101, 7592, 2088, 102], [101, 7592, 102]]);
 * console.log(attention_mask.toArray()); // [[1, 1, 1, 1], [1, 1, 1, 0]]
 * ```
 */
export function bertInputs(ids: readonly (readonly number[])[], options: { tokenTypeIds?: readonly (readonly number[])[]; padId?: number } = {}): BertInputs {
  if (!Array.isArray(ids) || ids.length === 0 || !ids.every((row) => Array.isArray(row) && row.length > 0)) {
    throw new PretrainedError(`bertInputs: expected non-empty rows of token ids ([[101, 7592, 102]]), got ${JSON.stringify(ids)?.slice(0, 80)}`);
  }
  const tokens = Math.max(...ids.map((row) => row.length));
  const batch = ids.length;
  const idData = new Int32Array(batch * tokens).fill(options.padId ?? 0);
  const types = new Int32Array(batch * tokens);
  const mask = new Int32Array(batch * tokens);
  ids.forEach((row, b) =>
    row.forEach((id: number, t: number) => {
      if (!Number.isSafeInteger(id) || id < 0) throw new PretrainedError(`bertInputs: expected non-negative integer ids, got ${id} at [${b}, ${t}]`);
      idData[b * tokens + t] = id;
      mask[b * tokens + t] = 1;
      const type = options.tokenTypeIds?.[b]?.[t] ?? 0;
      if (!Number.isSafeInteger(type) || type < 0) throw new PretrainedError(`bertInputs: expected non-negative integer token types, got ${type} at [${b}, ${t}]`);
      types[b * tokens + t] = type;
    }),
  );
  const positions = Int32Array.from({ length: tokens }, (_, i) => i);
  return {
    input_ids: new Tensor(idData, [batch, tokens], 's32'),
    token_type_ids: new Tensor(types, [batch, tokens], 's32'),
    attention_mask: new Tensor(mask, [batch, tokens], 's32'),
    position_ids: new Tensor(positions, [tokens], 's32'),
  };
}

/**
 * Sentence embeddings as sentence-transformers' mean pooling makes them: the average of
 * the hidden states `[batch, tokens, hidden]` over the tokens whose `attentionMask` is 1,
 * `[batch, hidden]` (a row without tokens gives zeros, as its clamp of the count to 1e-9
 * does).
 *
 * @example
 * ```ts
 * import { build } from '@qaxon/graph';
 * import { bertInputs, meanPooling, type BertPretrained } from '@qaxon/pretrained';
 * declare const bert: BertPretrained;
 * const inputs = bertInputs([[101, 7592, 102]]);
 * const hidden = await build(bert.model).predict(bert.state, inputs);
 * const sentence = meanPooling(hidden, inputs.attention_mask);
 * ```
 */
export function meanPooling(hidden: Tensor, attentionMask: Tensor): Tensor<'f32'> {
  const [batch, tokens, width] = hidden.shape as [number, number, number];
  if (hidden.shape.length !== 3 || attentionMask.shape.length !== 2 || attentionMask.shape[0] !== batch || attentionMask.shape[1] !== tokens) {
    throw new PretrainedError(`meanPooling: expected hidden [batch, tokens, hidden] and attentionMask [batch, tokens], got [${hidden.shape.join(', ')}] and [${attentionMask.shape.join(', ')}]`);
  }
  const out = new Float32Array(batch * width);
  for (let b = 0; b < batch; b++) {
    let count = 0;
    for (let t = 0; t < tokens; t++) {
      const weight = Number(attentionMask.data[b * tokens + t]);
      count += weight;
      for (let c = 0; c < width; c++) out[b * width + c]! += weight * Number(hidden.data[(b * tokens + t) * width + c]);
    }
    for (let c = 0; c < width; c++) out[b * width + c]! /= Math.max(count, 1e-9);
  }
  return new Tensor(out, [batch, width], 'f32');
}
