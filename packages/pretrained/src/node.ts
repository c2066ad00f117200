/**
 * `@qaxon/pretrained/node`: load checkpoints from the file system — a Hugging Face folder
 * (`config.json` + `model.safetensors`, or shards listed in `model.safetensors.index.json`)
 * or a llama2.c `.bin` — reading one tensor at a time. Kept apart from the main entry so
 * browser bundles never see `node:fs`.
 *
 * @example
 * ```ts
 * import { generate } from '@qaxon/pretrained';
 * import { loadPretrained } from '@qaxon/pretrained/node';
 * const pretrained = await loadPretrained('fixtures/stories260K', { tokenizer: 'tok512.bin' });
 * const { text } = await generate({ pretrained, prompt: 'Once upon a time', maxTokens: 40 });
 * ```
 *
 * @packageDocumentation
 */
import { existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join } from 'node:path';
import type { CheckpointFiles } from './checkpoint-files.js';
import { PretrainedError } from './errors.js';
import { loadAnyFromFiles, loadLlamaFromFiles, type LoadOptions } from './load-from-files.js';
import type { AnyPretrained } from './pretrained-families.js';
import { openFileSource } from './node-file-source.js';
import type { PretrainedModel } from './pretrained-model.js';
import type { QuantizeOnLoad } from './state-assembler.js';

/**
 * Options of {@link loadPretrained}.
 *
 * @example
 * ```ts
 * import type { LoadPretrainedOptions } from '@qaxon/pretrained/node';
 * const options: LoadPretrainedOptions = { quantize: true, tokenizer: 'tok512.bin' };
 * ```
 */
export interface LoadPretrainedOptions extends LoadOptions {
  /**
   * The tokenizer file, relative to the folder (or to the `.bin`'s folder) or absolute: a
   * llama2.c tokenizer (`tokenizer.bin`, `tok512.bin`) or a Hugging Face `tokenizer.json`
   * (with `tokenizer_config.json` beside the checkpoint when present). Default:
   * `tokenizer.bin` there if present, else `tokenizer.json` if present.
   */
  tokenizer?: string;
}

/**
 * Loads a LLaMA checkpoint from `path` and returns a {@link PretrainedModel} (`model`,
 * `state`, `config`, `tokenizer`, the decoding graphs and, with `quantize`, the report):
 *
 * - a folder: Hugging Face `LlamaForCausalLM` — `config.json` (checked by
 *   `parseLlamaConfig`: an unsupported `model_type` is an error naming it) and
 *   `model.safetensors` or the shards of `model.safetensors.index.json`; F32, F16 and BF16
 *   tensors. Linear weights `[out, in]` are transposed into dense kernels `[in, units]`.
 * - a file: a llama2.c checkpoint (`stories15M.bin`, see `readLlama2cCheckpoint`).
 *
 * Tensors are read one at a time, checked against the shapes the configuration implies
 * (a missing or misshapen tensor is a `PretrainedError` naming it and the file), and
 * quantized at once with `quantize`.
 *
 * @example
 * ```ts
 * import { build } from '@qaxon/graph';
 * import { loadPretrained } from '@qaxon/pretrained/node';
 * import { sequenceInputs } from '@qaxon/pretrained';
 * const { model, state, tokenizer } = await loadPretrained('fixtures/stories260K/stories260K.bin', { tokenizer: 'tok512.bin' });
 * const logits = await build(model).predict(state, sequenceInputs([tokenizer!.encode('Once upon a time')]));
 * ```
 */
export async function loadPretrained(path: string, options: LoadPretrainedOptions = {}): Promise<PretrainedModel> {
  const stats = await stat(path).catch((error: unknown) => {
    throw new PretrainedError(`loadPretrained: expected a Hugging Face folder or a llama2.c .bin file at ${path}, got nothing (${(error as Error).message})`, path, { cause: error });
  });
  return stats.isDirectory() ? loadHuggingFaceFolder(path, options) : loadLlama2c(path, options);
}

/**
 * {@link loadPretrained} for every family: a Hugging Face folder of a LLaMA, GPT-2 or BERT
 * checkpoint (as its `config.json`'s `model_type` says), or a llama2.c `.bin`;
 * `config.modelType` of the result tells which.
 *
 * @example
 * ```ts
 * import { loadAnyPretrained } from '@qaxon/pretrained/node';
 * const pretrained = await loadAnyPretrained('fixtures/tiny-gpt2', { quantize: true });
 * console.log(pretrained.config.modelType); // 'gpt2'
 * ```
 */
export async function loadAnyPretrained(path: string, options: LoadPretrainedOptions = {}): Promise<AnyPretrained> {
  const stats = await stat(path).catch((error: unknown) => {
    throw new PretrainedError(`loadAnyPretrained: expected a Hugging Face folder or a llama2.c .bin file at ${path}, got nothing (${(error as Error).message})`, path, { cause: error });
  });
  return stats.isDirectory() ? loadAnyFromFiles(nodeCheckpointFiles(path), undefined, options) : loadLlama2c(path, options);
}

/**
 * Loads a llama2.c checkpoint file (see `readLlama2cCheckpoint` in `@qaxon/pretrained`),
 * with its tokenizer when one is given or a `tokenizer.bin` lies beside it.
 *
 * @example
 * ```ts
 * import { loadLlama2c } from '@qaxon/pretrained/node';
 * const { config } = await loadLlama2c('fixtures/stories260K/stories260K.bin', { quantize: true });
 * console.log(config.interleavedRope); // true
 * ```
 */
export async function loadLlama2c(path: string, options: LoadPretrainedOptions = {}): Promise<PretrainedModel> {
  return loadLlamaFromFiles(nodeCheckpointFiles(dirname(path)), basename(path), options);
}

async function loadHuggingFaceFolder(folder: string, options: LoadPretrainedOptions): Promise<PretrainedModel> {
  return loadLlamaFromFiles(nodeCheckpointFiles(folder), undefined, options);
}

/**
 * The files of a folder on disk as `CheckpointFiles` (paths relative to it, or absolute),
 * each read by ranges.
 *
 * @example
 * ```ts
 * import { nodeCheckpointFiles } from '@qaxon/pretrained/node';
 * const files = nodeCheckpointFiles('fixtures/stories260K');
 * const config = await files.open('config.json');
 * ```
 */
export function nodeCheckpointFiles(folder: string): CheckpointFiles {
  return {
    name: folder,
    open: async (path) => {
      const file = isAbsolute(path) ? path : join(folder, path);
      return existsSync(file) ? openFileSource(file) : undefined;
    },
  };
}

export type { QuantizeOnLoad };
