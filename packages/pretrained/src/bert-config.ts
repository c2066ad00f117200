import { configFields } from './config-fields.js';

/**
 * A BERT configuration (`BertModel`), checked and named in qaxon's words.
 *
 * @example
 * ```ts
 * import type { BertConfig } from '@qaxon/pretrained';
 * const config: BertConfig = {
 *   modelType: 'bert', hiddenSize: 16, intermediateSize: 32, layers: 2, heads: 2,
 *   vocabSize: 50, maxPositions: 32, typeVocabSize: 2, epsilon: 1e-12, padTokenId: 0,
 * };
 * ```
 */
export interface BertConfig {
  /** Always `'bert'`. */
  readonly modelType: 'bert';
  /** Model width (`hidden_size`). */
  readonly hiddenSize: number;
  /** Width of the feed-forward layer (`intermediate_size`). */
  readonly intermediateSize: number;
  /** Encoder blocks (`num_hidden_layers`). */
  readonly layers: number;
  /** Attention heads (`num_attention_heads`). */
  readonly heads: number;
  /** Vocabulary size. */
  readonly vocabSize: number;
  /** Learned positions (`max_position_embeddings`). */
  readonly maxPositions: number;
  /** Token types (`type_vocab_size`). */
  readonly typeVocabSize: number;
  /** LayerNorm epsilon (`layer_norm_eps`). */
  readonly epsilon: number;
  /** Padding token id, if known. */
  readonly padTokenId: number | undefined;
}

/**
 * Checks a Hugging Face BERT `config.json` (parsed): absolute positions and the erf GELU
 * only (else a `PretrainedError` naming the field).
 *
 * @example
 * ```ts
 * import { parseBertConfig } from '@qaxon/pretrained';
 * const config = parseBertConfig({
 *   model_type: 'bert', hidden_size: 16, intermediate_size: 32, num_hidden_layers: 2,
 *   num_attention_heads: 2, vocab_size: 50,
 * });
 * console.log(config.typeVocabSize); // 2
 * ```
 */
export function parseBertConfig(json: unknown, where = 'config.json'): BertConfig {
  const fields = configFields(json, where);
  fields.unsupported('model_type', (value) => value === 'bert', "expected 'bert'");
  fields.unsupported('hidden_act', (value) => value === undefined || value === 'gelu', "expected 'gelu' (erf)");
  fields.unsupported('position_embedding_type', (value) => value === undefined || value === 'absolute', "expected 'absolute'");
  const hiddenSize = fields.integer('hidden_size');
  const heads = fields.integer('num_attention_heads');
  if (hiddenSize % heads !== 0) fields.unsupported('num_attention_heads', () => false, `expected it to divide hidden_size ${hiddenSize}`);
  return {
    modelType: 'bert',
    hiddenSize,
    intermediateSize: fields.integer('intermediate_size'),
    layers: fields.integer('num_hidden_layers'),
    heads,
    vocabSize: fields.integer('vocab_size'),
    maxPositions: fields.integer('max_position_embeddings', 512),
    typeVocabSize: fields.integer('type_vocab_size', 2),
    epsilon: fields.positive('layer_norm_eps', 1e-12),
    padTokenId: fields.tokenId('pad_token_id'),
  };
}
