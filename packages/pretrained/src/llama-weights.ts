import type { LlamaConfig } from './llama-config.js';

/**
 * Where one checkpoint tensor goes in the qaxon state: `layer` / `parameter`, the shape
 * the checkpoint must hold (`sourceShape`, PyTorch's layout) and whether it is transposed
 * on the way (PyTorch `Linear` weights `[out, in]` become Axon dense kernels `[in, units]`).
 *
 * @example
 * ```ts
 * import type { WeightTarget } from '@qaxon/pretrained';
 * const target: WeightTarget = { layer: 'lm_head', parameter: 'kernel', sourceShape: [512, 64], transpose: true, dense: true };
 * ```
 */
export interface WeightTarget {
  /** The qaxon layer name (`model.layers.0.self_attn.q_proj`). */
  readonly layer: string;
  /** The parameter of that layer (`kernel`, `gamma`). */
  readonly parameter: string;
  /** The checkpoint tensor's shape. */
  readonly sourceShape: readonly number[];
  /** Transposed from `[out, in]` to `[in, out]` when read. */
  readonly transpose: boolean;
  /** A dense kernel (quantized by `quantize: true`). */
  readonly dense: boolean;
}

/**
 * The tensors of a Hugging Face `LlamaForCausalLM` checkpoint, by name, with where each
 * goes (more than one target for the embedding when the head is tied: it also becomes
 * `lm_head`'s kernel, transposed).
 *
 * @example
 * ```ts
 * import { llamaWeightTargets, type LlamaConfig } from '@qaxon/pretrained';
 * declare const config: LlamaConfig;
 * const targets = llamaWeightTargets(config);
 * console.log(targets.get('model.norm.weight')); // [{ layer: 'model.norm', parameter: 'gamma', ... }]
 * ```
 */
export function llamaWeightTargets(config: LlamaConfig): Map<string, WeightTarget[]> {
  const { hiddenSize: hidden, intermediateSize: inner, heads, kvHeads, headDim, vocabSize: vocab } = config;
  const targets = new Map<string, WeightTarget[]>();
  const gamma = (layer: string): void => {
    targets.set(`${layer}.weight`, [{ layer, parameter: 'gamma', sourceShape: [hidden], transpose: false, dense: false }]);
  };
  const linear = (layer: string, out: number, inputs: number, bias = false): void => {
    targets.set(`${layer}.weight`, [{ layer, parameter: 'kernel', sourceShape: [out, inputs], transpose: true, dense: true }]);
    if (bias) targets.set(`${layer}.bias`, [{ layer, parameter: 'bias', sourceShape: [out], transpose: false, dense: false }]);
  };
  const qkvBias = config.attentionBias === true;
  const embedding: WeightTarget = { layer: 'model.embed_tokens', parameter: 'kernel', sourceShape: [vocab, hidden], transpose: false, dense: false };
  const head: WeightTarget = { layer: 'lm_head', parameter: 'kernel', sourceShape: [vocab, hidden], transpose: true, dense: true };
  targets.set('model.embed_tokens.weight', config.tiedEmbeddings ? [embedding, head] : [embedding]);
  for (let layer = 0; layer < config.layers; layer++) {
    const prefix = `model.layers.${layer}`;
    gamma(`${prefix}.input_layernorm`);
    linear(`${prefix}.self_attn.q_proj`, heads * headDim, hidden, qkvBias);
    linear(`${prefix}.self_attn.k_proj`, kvHeads * headDim, hidden, qkvBias);
    linear(`${prefix}.self_attn.v_proj`, kvHeads * headDim, hidden, qkvBias);
    linear(`${prefix}.self_attn.o_proj`, hidden, heads * headDim);
    gamma(`${prefix}.post_attention_layernorm`);
    linear(`${prefix}.mlp.gate_proj`, inner, hidden);
    linear(`${prefix}.mlp.up_proj`, inner, hidden);
    linear(`${prefix}.mlp.down_proj`, hidden, inner);
  }
  gamma('model.norm');
  if (!config.tiedEmbeddings) targets.set('lm_head.weight', [head]);
  return targets;
}
