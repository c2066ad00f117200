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
import { readFile, stat } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import { PretrainedError } from './errors.js';
import { parseLlamaConfig } from './llama-config.js';
import { readLlama2cCheckpoint } from './llama2c-checkpoint.js';
import { Llama2cTokenizer } from './llama2c-tokenizer.js';
import { llamaWeightTargets } from './llama-weights.js';
import { withFileSource } from './node-file-source.js';
import { pretrainedModel, type PretrainedModel } from './pretrained-model.js';
import { readSafetensorsWeights } from './safetensors-checkpoint.js';
import { StateAssembler, type QuantizeOnLoad } from './state-assembler.js';
import type { Tokenizer } from './tokenizer.js';

/**
 * Options of {@link loadPretrained}.
 *
 * @example
 * ```ts
 * import type { LoadPretrainedOptions } from '@qaxon/pretrained/node';
 * const options: LoadPretrainedOptions = { quantize: true, tokenizer: 'tok512.bin' };
 * ```
 */
export interface LoadPretrainedOptions {
  /**
   * Quantize dense kernels to int8 as they are read (`true`, or `{ layers }` to choose
   * them): the float copy of each is dropped before the next tensor is read. Default false.
   */
  quantize?: QuantizeOnLoad;
  /**
   * A llama2.c tokenizer file (`tokenizer.bin`, `tok512.bin`), relative to the folder (or
   * to the `.bin`'s folder) or absolute. Default: `tokenizer.bin` there, if present.
   * Hugging Face `tokenizer.json` is not read yet.
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
  const { config, state, quantization } = await withFileSource(path, (source) =>
    readLlama2cCheckpoint(source, options.quantize === undefined ? {} : { quantize: options.quantize }),
  );
  const tokenizer = await loadTokenizer(join(path, '..'), options.tokenizer, config.vocabSize, config.bosTokenId, config.eosTokenId);
  return pretrainedModel(config, state, tokenizer, quantization);
}

async function loadHuggingFaceFolder(folder: string, options: LoadPretrainedOptions): Promise<PretrainedModel> {
  const configPath = join(folder, 'config.json');
  const config = parseLlamaConfig(await readJson(configPath), configPath);
  const assembler = new StateAssembler(llamaWeightTargets(config), options.quantize ?? false, folder);
  for (const file of await weightFiles(folder)) await withFileSource(file, (source) => readSafetensorsWeights(source, assembler));
  const { state, report } = assembler.finish();
  const tokenizer = await loadTokenizer(folder, options.tokenizer, config.vocabSize, config.bosTokenId, config.eosTokenId);
  return pretrainedModel(config, state, tokenizer, report);
}

async function weightFiles(folder: string): Promise<string[]> {
  const indexPath = join(folder, 'model.safetensors.index.json');
  if (existsSync(indexPath)) {
    const index = (await readJson(indexPath)) as { weight_map?: unknown };
    const map = index.weight_map;
    if (map === null || typeof map !== 'object' || Array.isArray(map) || !Object.values(map).every((file) => typeof file === 'string')) {
      throw new PretrainedError(`${indexPath}: expected a weight_map from tensor names to shard file names`, indexPath);
    }
    return [...new Set(Object.values(map as Record<string, string>))].map((file) => join(folder, file));
  }
  const single = join(folder, 'model.safetensors');
  if (!existsSync(single)) throw new PretrainedError(`${folder}: expected model.safetensors or model.safetensors.index.json, found neither`, folder);
  return [single];
}

async function readJson(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new PretrainedError(`cannot read ${path}: ${(error as Error).message}`, path, { cause: error });
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new PretrainedError(`${path}: expected JSON: ${(error as Error).message}`, path, { cause: error });
  }
}

async function loadTokenizer(folder: string, given: string | undefined, vocabSize: number, bosId?: number, eosId?: number): Promise<Tokenizer | undefined> {
  const path = given === undefined ? join(folder, 'tokenizer.bin') : isAbsolute(given) ? given : join(folder, given);
  if (given === undefined && !existsSync(path)) return undefined;
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw new PretrainedError(`cannot read the tokenizer ${path}: ${(error as Error).message}`, path, { cause: error });
  }
  return Llama2cTokenizer.fromBytes(bytes, { vocabSize, name: path, ...(bosId === undefined ? {} : { bosId }), ...(eosId === undefined ? {} : { eosId }) });
}

export type { QuantizeOnLoad };
