/**
 * A BERT-style encoder block (post-LayerNorm, GELU with erf) on one sequence of `tokens`
 * tokens with a padding mask of all ones: the shape of one layer of `bert-base-uncased`.
 *
 * @example
 * ```ts
 * const tiny: BertBlockShape = { family: 'bert', tokens: 4, hidden: 8, heads: 2, intermediate: 16, epsilon: 1e-12 };
 * ```
 */
export interface BertBlockShape {
  readonly family: 'bert';
  readonly tokens: number;
  readonly hidden: number;
  readonly heads: number;
  readonly intermediate: number;
  readonly epsilon: number;
}

/**
 * One decoding step of a LLaMA-style decoder block: one new token at position `past`,
 * a KV cache of `past` tokens, RMSNorm, rotary embeddings (Hugging Face `rotate_half`),
 * grouped-query attention (`kvHeads` key/value heads), SiLU-gated MLP.
 *
 * @example
 * ```ts
 * const tiny: LlamaStepShape = { family: 'llama', past: 3, hidden: 8, heads: 2, kvHeads: 1, headDim: 4, intermediate: 16, epsilon: 1e-5, theta: 10000 };
 * ```
 */
export interface LlamaStepShape {
  readonly family: 'llama';
  readonly past: number;
  readonly hidden: number;
  readonly heads: number;
  readonly kvHeads: number;
  readonly headDim: number;
  readonly intermediate: number;
  readonly epsilon: number;
  readonly theta: number;
}

/**
 * A transformer block the bench times: {@link BertBlockShape} or {@link LlamaStepShape}.
 *
 * @example
 * ```ts
 * const shape: BlockShape = BERT_BASE_BLOCK;
 * ```
 */
export type BlockShape = BertBlockShape | LlamaStepShape;

/**
 * One encoder layer of BERT-base (`bert-base-uncased`: hidden 768, 12 heads, intermediate
 * 3072, LayerNorm eps 1e-12) on a 128-token prompt, batch 1.
 *
 * @example
 * ```ts
 * console.log(BERT_BASE_BLOCK.hidden / BERT_BASE_BLOCK.heads); // 64
 * ```
 */
export const BERT_BASE_BLOCK: BertBlockShape = Object.freeze({ family: 'bert', tokens: 128, hidden: 768, heads: 12, intermediate: 3072, epsilon: 1e-12 });

/**
 * One decoder layer of TinyLlama-1.1B (hidden 2048, 32 heads, 4 key/value heads of
 * dimension 64, intermediate 5632, RMSNorm eps 1e-5, rope theta 10000) decoding one token
 * after 128 cached ones, batch 1.
 *
 * @example
 * ```ts
 * console.log(TINYLLAMA_STEP.heads * TINYLLAMA_STEP.headDim); // 2048
 * ```
 */
export const TINYLLAMA_STEP: LlamaStepShape = Object.freeze({
  family: 'llama',
  past: 128,
  hidden: 2048,
  heads: 32,
  kvHeads: 4,
  headDim: 64,
  intermediate: 5632,
  epsilon: 1e-5,
  theta: 10000,
});

/**
 * The rows (tokens) a block's input `x` `[1, rows, hidden]` has: the prompt's tokens for
 * BERT, the one new token for a LLaMA step.
 *
 * @example
 * ```ts
 * console.log(blockRows(BERT_BASE_BLOCK), blockRows(TINYLLAMA_STEP)); // 128 1
 * ```
 */
export function blockRows(shape: BlockShape): number {
  return shape.family === 'bert' ? shape.tokens : 1;
}

/**
 * A short description of a block shape for labels and notes.
 *
 * @example
 * ```ts
 * console.log(describeBlock(TINYLLAMA_STEP)); // 'LLaMA decoder step (TinyLlama-1.1B shape), KV cache 128'
 * ```
 */
export function describeBlock(shape: BlockShape): string {
  return shape.family === 'bert'
    ? `BERT encoder block (hidden ${shape.hidden}, ${shape.heads} heads, intermediate ${shape.intermediate}), ${shape.tokens} tokens`
    : `LLaMA decoder step (TinyLlama-1.1B shape), KV cache ${shape.past}`;
}
