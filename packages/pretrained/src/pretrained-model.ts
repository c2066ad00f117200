import type { Model, ModelOutput, ModelState } from '@qaxon/graph';
import { quantizeModel } from '@qaxon/quantization';
import type { Tensor } from '@qaxon/tensor';
import type { LlamaConfig } from './llama-config.js';
import { llamaDecoderGraph, llamaGraph } from './llama-graph.js';
import type { LoadQuantizationReport } from './state-assembler.js';
import type { Tokenizer } from './tokenizer.js';

/**
 * The graphs `generate` decodes with: the same layers (and so the same state) as
 * `model`, with the present key/value caches as outputs, and (`step`) the past ones as
 * inputs (see `llamaDecoderGraph`).
 *
 * @example
 * ```ts
 * import { build } from '@qaxon/graph';
 * import { sequenceInputs, type PretrainedModel } from '@qaxon/pretrained';
 * declare const pretrained: PretrainedModel;
 * const { logits } = await build(pretrained.decoder.prefill).predict(pretrained.state, sequenceInputs([[1, 403, 407]]));
 * ```
 */
export interface DecoderGraphs {
  /** Whole prompt in, logits and presents out. */
  readonly prefill: Model<Record<string, Tensor>>;
  /** New tokens and past caches in, logits and presents out. */
  readonly step: Model<Record<string, Tensor>>;
}

/**
 * A loaded checkpoint: the graph, its weights, the configuration, the tokenizer when one
 * was found, the graphs `generate` decodes with, and the quantization report when the
 * weights were quantized while loading.
 *
 * - `model`: inputs `input_ids` (s32 `[batch, tokens]`) and `position_ids` (s32
 *   `[tokens]`, see `sequenceInputs`), output logits `[batch, tokens, vocab]`;
 *   `build(model, { backend }).predict(state, sequenceInputs(ids))` runs a sequence.
 * - Quantized layers are `quantizedDense` nodes in `model` and in the decoder graphs.
 *
 * @example
 * ```ts
 * import { build } from '@qaxon/graph';
 * import { sequenceInputs, type PretrainedModel } from '@qaxon/pretrained';
 * declare const pretrained: PretrainedModel;
 * const logits = await build(pretrained.model).predict(pretrained.state, sequenceInputs([[1, 403, 407]]));
 * ```
 */
export interface PretrainedModel {
  /** The whole-sequence graph (logits). */
  readonly model: Model;
  /** Its parameters, by Hugging Face layer name (int8 `QTensor` kernels when quantized). */
  readonly state: ModelState;
  /** The checked configuration. */
  readonly config: LlamaConfig;
  /** The tokenizer, when the checkpoint came with one. */
  readonly tokenizer: Tokenizer | undefined;
  /** Graphs for incremental decoding with a KV cache. */
  readonly decoder: DecoderGraphs;
  /** What quantizing while loading did (undefined for a float load). */
  readonly quantization: LoadQuantizationReport | undefined;
}

/**
 * Puts a configuration, a state read for it and a tokenizer together into a
 * {@link PretrainedModel}, turning the dense layers whose kernels are quantized into
 * `quantizedDense` layers (what the loaders do last; use it for a state you made yourself).
 *
 * @example
 * ```ts
 * import { pretrainedModel, type LlamaConfig } from '@qaxon/pretrained';
 * import type { ModelState } from '@qaxon/graph';
 * declare const config: LlamaConfig;
 * declare const state: ModelState;
 * const pretrained = pretrainedModel(config, state);
 * ```
 */
export function pretrainedModel(
  config: LlamaConfig,
  state: ModelState,
  tokenizer?: Tokenizer,
  quantization?: LoadQuantizationReport,
): PretrainedModel {
  const quantized = new Set(quantization?.quantizedLayers ?? []);
  const rewrite = <O extends ModelOutput>(model: Model<O>): Model<O> =>
    quantized.size === 0 ? model : quantizeModel(model, { filter: (node) => quantized.has(node.name) });
  return Object.freeze({
    model: rewrite(llamaGraph(config)),
    state,
    config,
    tokenizer,
    decoder: Object.freeze({ prefill: rewrite(llamaDecoderGraph(config, { cache: false })), step: rewrite(llamaDecoderGraph(config, { cache: true })) }),
    quantization,
  });
}
