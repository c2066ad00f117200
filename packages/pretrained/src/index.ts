/**
 * `@qaxon/pretrained`: pretrained LLaMA checkpoints as qaxon graphs — the graph
 * (`llamaGraph`, built from `@qaxon/graph`'s `embedding`, `decoderBlock` and `rmsNorm`),
 * llama2.c checkpoints and tokenizers, int8 quantization while loading, and `generate`
 * with a KV cache. Works in browsers and Node (no Node APIs here; the folder loader is
 * `@qaxon/pretrained/node`).
 *
 * @example
 * ```ts
 * import { generate } from '@qaxon/pretrained';
 * import { loadPretrained } from '@qaxon/pretrained/node';
 * const pretrained = await loadPretrained('fixtures/stories260K', { tokenizer: 'tok512.bin', quantize: true });
 * const { text, tokensPerSecond } = await generate({ pretrained, prompt: 'Once upon a time', maxTokens: 40 });
 * ```
 *
 * @packageDocumentation
 */
export { PretrainedError } from './errors.js';
export { SUPPORTED_MODEL_TYPES, parseLlamaConfig, type LlamaConfig } from './llama-config.js';
export { INPUT_IDS, POSITION_IDS, cacheNames, llamaDecoderGraph, llamaGraph, type CacheNames } from './llama-graph.js';
export { llamaWeightTargets, type WeightTarget } from './llama-weights.js';
export { type LoadQuantizationReport, type QuantizeOnLoad, type QuantizeOnLoadOptions } from './state-assembler.js';
export { bytesSource, type ByteSource } from './byte-source.js';
export { LLAMA2C_HEADER_BYTES, llama2cFileSize, parseLlama2cHeader, readLlama2cCheckpoint, type Llama2cCheckpoint } from './llama2c-checkpoint.js';
export { Llama2cTokenizer } from './llama2c-tokenizer.js';
export type { EncodeOptions, Tokenizer } from './tokenizer.js';
export { pretrainedModel, type DecoderGraphs, type PretrainedModel } from './pretrained-model.js';
export { sequenceInputs, type SequenceInputs } from './sequence-inputs.js';
export { sampleToken, type SamplingOptions } from './sampling.js';
export { generate, type GenerateOptions, type GenerateResult, type GeneratedToken } from './generate.js';
export { compareLogits, type LogitComparison } from './compare-logits.js';
export { blobSource } from './blob-source.js';
export { urlSource, type UrlSourceOptions } from './url-source.js';
export type { CheckpointFiles, PretrainedFiles } from './checkpoint-files.js';
export type { LoadOptions } from './load-from-files.js';
export { loadPretrainedFrom, type LoadPretrainedFromOptions } from './load-pretrained-from.js';
export { loadAnyPretrainedFrom } from './load-pretrained-from.js';
export { parseGpt2Config, type Gpt2Config } from './gpt2-config.js';
export { parseBertConfig, type BertConfig } from './bert-config.js';
export { gpt2DecoderGraph, gpt2Graph } from './gpt2-graph.js';
export { ATTENTION_MASK, TOKEN_TYPE_IDS, bertGraph, bertInputs, meanPooling, type BertInputs } from './bert-graph.js';
export { bertTensorName, bertWeightTargets, gpt2TensorName, gpt2WeightTargets } from './family-weights.js';
export { PRETRAINED_MODEL_TYPES, bertPretrained, gpt2Pretrained, type AnyPretrained, type BertPretrained, type Gpt2Pretrained } from './pretrained-families.js';
export { HuggingFaceTokenizer, type HuggingFaceTokenizerOptions } from './hugging-face-tokenizer.js';
