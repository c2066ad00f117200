import { configFields } from './config-fields.js';

/**
 * A GPT-2 configuration (`GPT2LMHeadModel`), checked and named in qaxon's words.
 *
 * @example
 * ```ts
 * import type { Gpt2Config } from '@qaxon/pretrained';
 * const config: Gpt2Config = {
 *   modelType: 'gpt2', hiddenSize: 16, intermediateSize: 64, layers: 2, heads: 2, headDim: 8,
 *   vocabSize: 50, maxPositions: 32, epsilon: 1e-5, tiedEmbeddings: true, bosTokenId: 0, eosTokenId: 0,
 * };
 * ```
 */
export interface Gpt2Config {
  /** Always `'gpt2'`. */
  readonly modelType: 'gpt2';
  /** Model width (`n_embd`). */
  readonly hiddenSize: number;
  /** Width of the MLP (`n_inner`, default `4 · n_embd`). */
  readonly intermediateSize: number;
  /** Blocks (`n_layer`). */
  readonly layers: number;
  /** Attention heads (`n_head`). */
  readonly heads: number;
  /** `n_embd / n_head`. */
  readonly headDim: number;
  /** Vocabulary size. */
  readonly vocabSize: number;
  /** Learned positions (`n_positions`). */
  readonly maxPositions: number;
  /** LayerNorm epsilon (`layer_norm_epsilon`). */
  readonly epsilon: number;
  /** True when the head reuses `wte` (`tie_word_embeddings`, default true). */
  readonly tiedEmbeddings: boolean;
  /** Beginning-of-sequence token id, if known. */
  readonly bosTokenId: number | undefined;
  /** End-of-sequence token id, if known. */
  readonly eosTokenId: number | undefined;
}

/**
 * Checks a Hugging Face GPT-2 `config.json` (parsed). Features the graph lacks (an
 * activation other than `gelu_new`, `scale_attn_by_inverse_layer_idx`, unscaled
 * attention) are a `PretrainedError` naming the field.
 *
 * @example
 * ```ts
 * import { parseGpt2Config } from '@qaxon/pretrained';
 * const config = parseGpt2Config({ model_type: 'gpt2', n_embd: 16, n_layer: 2, n_head: 2, vocab_size: 50, n_positions: 32 });
 * console.log(config.intermediateSize); // 64
 * ```
 */
export function parseGpt2Config(json: unknown, where = 'config.json'): Gpt2Config {
  const fields = configFields(json, where);
  fields.unsupported('model_type', (value) => value === 'gpt2', "expected 'gpt2'");
  fields.unsupported('activation_function', (value) => value === undefined || value === 'gelu_new' || value === 'gelu_pytorch_tanh', "expected 'gelu_new' (the tanh GELU)");
  fields.unsupported('scale_attn_by_inverse_layer_idx', (value) => value === undefined || value === false, 'expected false');
  fields.unsupported('scale_attn_weights', (value) => value === undefined || value === true, 'expected true: scores scaled by 1/sqrt(headDim)');
  const hiddenSize = fields.integer('n_embd');
  const heads = fields.integer('n_head');
  if (hiddenSize % heads !== 0) fields.unsupported('n_head', () => false, `expected it to divide n_embd ${hiddenSize}`);
  return {
    modelType: 'gpt2',
    hiddenSize,
    intermediateSize: fields.integer('n_inner', 4 * hiddenSize),
    layers: fields.integer('n_layer'),
    heads,
    headDim: hiddenSize / heads,
    vocabSize: fields.integer('vocab_size'),
    maxPositions: fields.integer('n_positions', 1024),
    epsilon: fields.positive('layer_norm_epsilon', 1e-5),
    tiedEmbeddings: fields.boolean('tie_word_embeddings', true),
    bosTokenId: fields.tokenId('bos_token_id'),
    eosTokenId: fields.tokenId('eos_token_id'),
  };
}
