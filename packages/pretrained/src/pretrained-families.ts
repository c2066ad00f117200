import type { Model, ModelOutput, ModelState } from '@qaxon/graph';
import { quantizeModel } from '@qaxon/quantization';
import type { BertConfig } from './bert-config.js';
import { bertGraph } from './bert-graph.js';
import type { Gpt2Config } from './gpt2-config.js';
import { gpt2DecoderGraph, gpt2Graph } from './gpt2-graph.js';
import type { DecoderGraphs, PretrainedModel } from './pretrained-model.js';
import type { LoadQuantizationReport } from './state-assembler.js';
import type { Tokenizer } from './tokenizer.js';

/**
 * The `model_type`s `loadAnyPretrained` / `loadAnyPretrainedFrom` read.
 *
 * @example
 * ```ts
 * import { PRETRAINED_MODEL_TYPES } from '@qaxon/pretrained';
 * console.log(PRETRAINED_MODEL_TYPES); // ['llama', 'qwen2', 'gpt2', 'bert']
 * ```
 */
export const PRETRAINED_MODEL_TYPES = ['llama', 'qwen2', 'gpt2', 'bert'] as const;

/**
 * A loaded GPT-2 checkpoint: like a LLaMA `PretrainedModel` (same graph inputs and
 * outputs, decoding graphs with the same cache names, so `generate` runs it).
 *
 * @example
 * ```ts
 * import { generate, type Gpt2Pretrained } from '@qaxon/pretrained';
 * declare const gpt2: Gpt2Pretrained;
 * const { tokens } = await generate({ pretrained: gpt2, prompt: [464, 3290], maxTokens: 10 });
 * ```
 */
export interface Gpt2Pretrained {
  /** The whole-sequence graph (`input_ids`, `position_ids` -> logits). */
  readonly model: Model;
  /** Its parameters, by Hugging Face layer name. */
  readonly state: ModelState;
  /** The checked configuration. */
  readonly config: Gpt2Config;
  /** The tokenizer, when the checkpoint came with one qaxon reads. */
  readonly tokenizer: Tokenizer | undefined;
  /** Graphs for incremental decoding with a KV cache. */
  readonly decoder: DecoderGraphs;
  /** What quantizing while loading did (undefined for a float load). */
  readonly quantization: LoadQuantizationReport | undefined;
}

/**
 * A loaded BERT checkpoint: `model` maps `bertInputs(...)` to the last hidden state
 * `[batch, tokens, hidden]` (`meanPooling` makes sentence embeddings of it).
 *
 * @example
 * ```ts
 * import { build } from '@qaxon/graph';
 * import { bertInputs, type BertPretrained } from '@qaxon/pretrained';
 * declare const bert: BertPretrained;
 * const hidden = await build(bert.model).predict(bert.state, bertInputs([[101, 7592, 102]]));
 * ```
 */
export interface BertPretrained {
  /** The encoder graph. */
  readonly model: Model;
  /** Its parameters, by Hugging Face layer name (without `bert.`). */
  readonly state: ModelState;
  /** The checked configuration. */
  readonly config: BertConfig;
  /** The tokenizer, when the checkpoint came with one qaxon reads. */
  readonly tokenizer: Tokenizer | undefined;
  /** What quantizing while loading did (undefined for a float load). */
  readonly quantization: LoadQuantizationReport | undefined;
}

/**
 * Any loaded checkpoint; `config.modelType` tells which.
 *
 * @example
 * ```ts
 * import type { AnyPretrained } from '@qaxon/pretrained';
 * const describe = (pretrained: AnyPretrained) => `${pretrained.config.modelType}, ${pretrained.config.layers} layers`;
 * ```
 */
export type AnyPretrained = PretrainedModel | Gpt2Pretrained | BertPretrained;

/** Turns the dense layers the report lists into `quantizedDense` layers. @internal */
export function withQuantizedLayers<O extends ModelOutput>(model: Model<O>, quantization: LoadQuantizationReport | undefined): Model<O> {
  const quantized = new Set(quantization?.quantizedLayers ?? []);
  return quantized.size === 0 ? model : quantizeModel(model, { filter: (node) => quantized.has(node.name) });
}

/**
 * Puts a GPT-2 configuration, its state and a tokenizer together (what the loaders do last).
 *
 * @example
 * ```ts
 * import { gpt2Pretrained, type Gpt2Config } from '@qaxon/pretrained';
 * import type { ModelState } from '@qaxon/graph';
 * declare const config: Gpt2Config;
 * declare const state: ModelState;
 * const gpt2 = gpt2Pretrained(config, state);
 * ```
 */
export function gpt2Pretrained(config: Gpt2Config, state: ModelState, tokenizer?: Tokenizer, quantization?: LoadQuantizationReport): Gpt2Pretrained {
  return Object.freeze({
    model: withQuantizedLayers(gpt2Graph(config), quantization),
    state,
    config,
    tokenizer,
    decoder: Object.freeze({
      prefill: withQuantizedLayers(gpt2DecoderGraph(config, { cache: false }), quantization),
      step: withQuantizedLayers(gpt2DecoderGraph(config, { cache: true }), quantization),
    }),
    quantization,
  });
}

/**
 * Puts a BERT configuration, its state and a tokenizer together (what the loaders do last).
 *
 * @example
 * ```ts
 * import { bertPretrained, type BertConfig } from '@qaxon/pretrained';
 * import type { ModelState } from '@qaxon/graph';
 * declare const config: BertConfig;
 * declare const state: ModelState;
 * const bert = bertPretrained(config, state);
 * ```
 */
export function bertPretrained(config: BertConfig, state: ModelState, tokenizer?: Tokenizer, quantization?: LoadQuantizationReport): BertPretrained {
  return Object.freeze({ model: withQuantizedLayers(bertGraph(config), quantization), state, config, tokenizer, quantization });
}
