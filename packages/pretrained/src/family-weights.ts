import type { BertConfig } from './bert-config.js';
import type { Gpt2Config } from './gpt2-config.js';
import type { WeightTarget } from './llama-weights.js';

/**
 * The tensors of a Hugging Face `GPT2LMHeadModel` checkpoint, by name (with the
 * `transformer.` prefix; {@link gpt2TensorName} adds it to checkpoints saved without it).
 * GPT-2's `Conv1D` weights are stored `[in, out]` already, the dense kernel layout: no
 * transpose. The tied head is `wte` transposed.
 *
 * @example
 * ```ts
 * import { gpt2WeightTargets, type Gpt2Config } from '@qaxon/pretrained';
 * declare const config: Gpt2Config;
 * console.log(gpt2WeightTargets(config).get('transformer.h.0.attn.c_attn.weight')); // [{ layer: 'transformer.h.0.attn.c_attn', parameter: 'kernel', transpose: false, ... }]
 * ```
 */
export function gpt2WeightTargets(config: Gpt2Config): Map<string, WeightTarget[]> {
  const { hiddenSize: hidden, intermediateSize: inner, vocabSize: vocab } = config;
  const targets = new Map<string, WeightTarget[]>();
  const norm = (layer: string): void => {
    targets.set(`${layer}.weight`, [{ layer, parameter: 'gamma', sourceShape: [hidden], transpose: false, dense: false }]);
    targets.set(`${layer}.bias`, [{ layer, parameter: 'beta', sourceShape: [hidden], transpose: false, dense: false }]);
  };
  const conv1d = (layer: string, inputs: number, out: number): void => {
    targets.set(`${layer}.weight`, [{ layer, parameter: 'kernel', sourceShape: [inputs, out], transpose: false, dense: true }]);
    targets.set(`${layer}.bias`, [{ layer, parameter: 'bias', sourceShape: [out], transpose: false, dense: false }]);
  };
  const embedding: WeightTarget = { layer: 'transformer.wte', parameter: 'kernel', sourceShape: [vocab, hidden], transpose: false, dense: false };
  const head: WeightTarget = { layer: 'lm_head', parameter: 'kernel', sourceShape: [vocab, hidden], transpose: true, dense: true };
  targets.set('transformer.wte.weight', config.tiedEmbeddings ? [embedding, head] : [embedding]);
  targets.set('transformer.wpe.weight', [{ layer: 'transformer.wpe', parameter: 'kernel', sourceShape: [config.maxPositions, hidden], transpose: false, dense: false }]);
  for (let layer = 0; layer < config.layers; layer++) {
    const prefix = `transformer.h.${layer}`;
    norm(`${prefix}.ln_1`);
    conv1d(`${prefix}.attn.c_attn`, hidden, 3 * hidden);
    conv1d(`${prefix}.attn.c_proj`, hidden, hidden);
    norm(`${prefix}.ln_2`);
    conv1d(`${prefix}.mlp.c_fc`, hidden, inner);
    conv1d(`${prefix}.mlp.c_proj`, inner, hidden);
  }
  norm('transformer.ln_f');
  if (!config.tiedEmbeddings) targets.set('lm_head.weight', [head]);
  return targets;
}

/**
 * A GPT-2 checkpoint tensor's name as {@link gpt2WeightTargets} knows it: `h.0.ln_1.weight`
 * (OpenAI's `gpt2` on the Hub, saved from `GPT2Model`) becomes `transformer.h.0.ln_1.weight`.
 *
 * @example
 * ```ts
 * import { gpt2TensorName } from '@qaxon/pretrained';
 * console.log(gpt2TensorName('wte.weight')); // transformer.wte.weight
 * ```
 */
export function gpt2TensorName(name: string): string {
  return name.startsWith('transformer.') || name.startsWith('lm_head.') ? name : `transformer.${name}`;
}

/**
 * The tensors of a Hugging Face BERT checkpoint (`BertModel`; the pooler and pretraining
 * heads are not read), by name without the `bert.` prefix ({@link bertTensorName} strips
 * it). Linear weights `[out, in]` are transposed into dense kernels.
 *
 * @example
 * ```ts
 * import { bertWeightTargets, type BertConfig } from '@qaxon/pretrained';
 * declare const config: BertConfig;
 * console.log(bertWeightTargets(config).has('encoder.layer.0.attention.self.query.weight')); // true
 * ```
 */
export function bertWeightTargets(config: BertConfig): Map<string, WeightTarget[]> {
  const { hiddenSize: hidden, intermediateSize: inner } = config;
  const targets = new Map<string, WeightTarget[]>();
  const norm = (layer: string): void => {
    targets.set(`${layer}.weight`, [{ layer, parameter: 'gamma', sourceShape: [hidden], transpose: false, dense: false }]);
    targets.set(`${layer}.bias`, [{ layer, parameter: 'beta', sourceShape: [hidden], transpose: false, dense: false }]);
  };
  const linear = (layer: string, out: number, inputs: number): void => {
    targets.set(`${layer}.weight`, [{ layer, parameter: 'kernel', sourceShape: [out, inputs], transpose: true, dense: true }]);
    targets.set(`${layer}.bias`, [{ layer, parameter: 'bias', sourceShape: [out], transpose: false, dense: false }]);
  };
  const table = (layer: string, rows: number): void => {
    targets.set(`${layer}.weight`, [{ layer, parameter: 'kernel', sourceShape: [rows, hidden], transpose: false, dense: false }]);
  };
  table('embeddings.word_embeddings', config.vocabSize);
  table('embeddings.position_embeddings', config.maxPositions);
  table('embeddings.token_type_embeddings', config.typeVocabSize);
  norm('embeddings.LayerNorm');
  for (let layer = 0; layer < config.layers; layer++) {
    const prefix = `encoder.layer.${layer}`;
    for (const part of ['query', 'key', 'value']) linear(`${prefix}.attention.self.${part}`, hidden, hidden);
    linear(`${prefix}.attention.output.dense`, hidden, hidden);
    norm(`${prefix}.attention.output.LayerNorm`);
    linear(`${prefix}.intermediate.dense`, inner, hidden);
    linear(`${prefix}.output.dense`, hidden, inner);
    norm(`${prefix}.output.LayerNorm`);
  }
  return targets;
}

/**
 * A BERT checkpoint tensor's name as {@link bertWeightTargets} knows it: without the
 * `bert.` prefix (`BertForMaskedLM` and friends), and old TensorFlow-converted LayerNorm
 * names (`LayerNorm.gamma` / `.beta`) as `.weight` / `.bias`.
 *
 * @example
 * ```ts
 * import { bertTensorName } from '@qaxon/pretrained';
 * console.log(bertTensorName('bert.embeddings.LayerNorm.gamma')); // embeddings.LayerNorm.weight
 * ```
 */
export function bertTensorName(name: string): string {
  const bare = name.startsWith('bert.') ? name.slice('bert.'.length) : name;
  return bare.replace(/\.LayerNorm\.gamma$/, '.LayerNorm.weight').replace(/\.LayerNorm\.beta$/, '.LayerNorm.bias');
}
