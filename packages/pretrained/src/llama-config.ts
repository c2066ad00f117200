import { PretrainedError } from './errors.js';

/**
 * The model families `loadPretrained` reads (the `model_type` of `config.json`).
 *
 * @example
 * ```ts
 * import { SUPPORTED_MODEL_TYPES } from '@qaxon/pretrained';
 * console.log(SUPPORTED_MODEL_TYPES); // ['llama', 'qwen2']
 * ```
 */
export const SUPPORTED_MODEL_TYPES = ['llama', 'qwen2'] as const;

/**
 * A LLaMA configuration, checked and named in qaxon's words (camelCase), whatever the
 * source: a Hugging Face `config.json` ({@link parseLlamaConfig}) or a llama2.c header.
 *
 * @example
 * ```ts
 * import type { LlamaConfig } from '@qaxon/pretrained';
 * const config: LlamaConfig = {
 *   modelType: 'llama', hiddenSize: 64, intermediateSize: 172, layers: 5, heads: 8, kvHeads: 4, headDim: 8,
 *   vocabSize: 512, maxPositions: 512, epsilon: 1e-5, theta: 10000, tiedEmbeddings: true,
 *   interleavedRope: false, bosTokenId: 1, eosTokenId: 2,
 * };
 * ```
 */
export interface LlamaConfig {
  /** Always `'llama'`: the family (a Qwen2 checkpoint is a LLaMA with `attentionBias`). */
  readonly modelType: 'llama';
  /** Model width (`hidden_size`, llama2.c `dim`). */
  readonly hiddenSize: number;
  /** Width of the gated MLP (`intermediate_size`, llama2.c `hidden_dim`). */
  readonly intermediateSize: number;
  /** Decoder blocks (`num_hidden_layers`). */
  readonly layers: number;
  /** Query heads (`num_attention_heads`). */
  readonly heads: number;
  /** Key/value heads (`num_key_value_heads`; fewer than `heads`: grouped-query attention). */
  readonly kvHeads: number;
  /** Entries per head (`head_dim`, default `hidden_size / num_attention_heads`). */
  readonly headDim: number;
  /** Vocabulary size. */
  readonly vocabSize: number;
  /** Longest sequence the model was trained for (`max_position_embeddings`, llama2.c `seq_len`). */
  readonly maxPositions: number;
  /** RMSNorm epsilon (`rms_norm_eps`). */
  readonly epsilon: number;
  /** RoPE base (`rope_theta`). */
  readonly theta: number;
  /** True when the output head reuses the token embedding (`tie_word_embeddings`). */
  readonly tiedEmbeddings: boolean;
  /**
   * RoPE pairs `(2i, 2i + 1)` (Meta's and llama2.c's layout) instead of Hugging Face's
   * `rotate_half` halves: true for llama2.c checkpoints, false for Hugging Face ones.
   */
  readonly interleavedRope: boolean;
  /** Biases on the query, key and value projections (Qwen2; default false). */
  readonly attentionBias?: boolean;
  /** Beginning-of-sequence token id, if known. */
  readonly bosTokenId: number | undefined;
  /** End-of-sequence token id, if known. */
  readonly eosTokenId: number | undefined;
}

type Json = Record<string, unknown>;

/**
 * Checks a Hugging Face `config.json` (parsed) of a `LlamaForCausalLM` and returns it as a
 * {@link LlamaConfig}. An unsupported `model_type` (GPT-2, BERT, ... for now), an
 * architecture other than `LlamaForCausalLM`, or a feature qaxon's graph lacks
 * (`rope_scaling`, attention or MLP biases, an activation other than SiLU) is a
 * {@link PretrainedError} naming the field, its value and `where`.
 *
 * @example
 * ```ts
 * import { parseLlamaConfig } from '@qaxon/pretrained';
 * const config = parseLlamaConfig({
 *   model_type: 'llama', hidden_size: 64, intermediate_size: 172, num_hidden_layers: 5,
 *   num_attention_heads: 8, num_key_value_heads: 4, vocab_size: 512, tie_word_embeddings: true,
 * });
 * console.log(config.headDim, config.kvHeads); // 8 4
 * ```
 */
export function parseLlamaConfig(json: unknown, where = 'config.json'): LlamaConfig {
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    throw new PretrainedError(`${where}: expected a JSON object, got ${json === null ? 'null' : Array.isArray(json) ? 'an array' : typeof json}`, where);
  }
  const config = json as Json;
  const modelType = config['model_type'];
  if (!(SUPPORTED_MODEL_TYPES as readonly unknown[]).includes(modelType)) {
    throw new PretrainedError(
      `${where}: unsupported model_type ${JSON.stringify(modelType ?? null)}; supported: ${SUPPORTED_MODEL_TYPES.map((type) => `'${type}'`).join(', ')}`,
      where,
    );
  }
  const qwen2 = modelType === 'qwen2';
  const architecture = qwen2 ? 'Qwen2ForCausalLM' : 'LlamaForCausalLM';
  const architectures = config['architectures'];
  if (Array.isArray(architectures) && !architectures.includes(architecture)) {
    throw new PretrainedError(`${where}: expected architectures to include '${architecture}', got ${JSON.stringify(architectures)}`, where);
  }
  const integer = (key: string, fallback?: number): number => {
    const value = config[key] ?? fallback;
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value <= 0) {
      throw new PretrainedError(`${where}: expected ${key} to be a positive integer, got ${JSON.stringify(value ?? null)}`, where);
    }
    return value;
  };
  const positive = (key: string, fallback: number): number => {
    const value = config[key] ?? fallback;
    if (typeof value !== 'number' || !(value > 0) || !Number.isFinite(value)) {
      throw new PretrainedError(`${where}: expected ${key} to be a positive number, got ${JSON.stringify(value)}`, where);
    }
    return value;
  };
  const unsupported = (key: string, allowed: (value: unknown) => boolean, why: string): void => {
    if (!allowed(config[key])) throw new PretrainedError(`${where}: ${key} ${JSON.stringify(config[key])} is not supported (${why})`, where);
  };
  unsupported('rope_scaling', (value) => value === undefined || value === null, 'expected null: scaled RoPE is not implemented');
  if (qwen2) unsupported('use_sliding_window', (value) => value === undefined || value === false, 'expected false: sliding-window attention is not implemented');
  else unsupported('sliding_window', (value) => value === undefined || value === null, 'expected null: sliding-window attention is not implemented');
  if (!qwen2) unsupported('attention_bias', (value) => value === undefined || value === false, 'expected false: biases on q/k/v and o_proj are not implemented (Qwen2 q/k/v biases are: model_type qwen2)');
  unsupported('mlp_bias', (value) => value === undefined || value === false, 'expected false: MLP biases are not implemented');
  unsupported('hidden_act', (value) => value === undefined || value === 'silu', "expected 'silu'");
  const hiddenSize = integer('hidden_size');
  const heads = integer('num_attention_heads');
  const kvHeads = integer('num_key_value_heads', heads);
  if (heads % kvHeads !== 0) throw new PretrainedError(`${where}: expected num_key_value_heads to divide num_attention_heads (${heads}), got ${kvHeads}`, where);
  if (config['head_dim'] === undefined && hiddenSize % heads !== 0) {
    throw new PretrainedError(`${where}: expected num_attention_heads to divide hidden_size (${hiddenSize}) or a head_dim, got ${heads}`, where);
  }
  const tied = config['tie_word_embeddings'] ?? false;
  if (typeof tied !== 'boolean') throw new PretrainedError(`${where}: expected tie_word_embeddings to be a boolean, got ${JSON.stringify(tied)}`, where);
  return {
    modelType: 'llama',
    hiddenSize,
    intermediateSize: integer('intermediate_size'),
    layers: integer('num_hidden_layers'),
    heads,
    kvHeads,
    headDim: integer('head_dim', hiddenSize / heads),
    vocabSize: integer('vocab_size'),
    maxPositions: integer('max_position_embeddings', 2048),
    epsilon: positive('rms_norm_eps', 1e-6),
    theta: positive('rope_theta', 10000),
    tiedEmbeddings: tied,
    interleavedRope: false,
    ...(qwen2 ? { attentionBias: true } : {}),
    bosTokenId: tokenId(config['bos_token_id']),
    eosTokenId: tokenId(config['eos_token_id']),
  };
}

function tokenId(value: unknown): number | undefined {
  if (Array.isArray(value)) return tokenId(value[0]);
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : undefined;
}
