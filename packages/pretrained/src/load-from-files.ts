import type { Backend } from '@qaxon/tensor';
import { PretrainedError } from './errors.js';
import { readJsonFile, readWholeFile, withCheckpointFile, type CheckpointFiles } from './checkpoint-files.js';
import { SUPPORTED_MODEL_TYPES, parseLlamaConfig } from './llama-config.js';
import { readLlama2cCheckpoint } from './llama2c-checkpoint.js';
import { Llama2cTokenizer } from './llama2c-tokenizer.js';
import { llamaWeightTargets, type WeightTarget } from './llama-weights.js';
import { parseBertConfig } from './bert-config.js';
import { bertTensorName, bertWeightTargets, gpt2TensorName, gpt2WeightTargets } from './family-weights.js';
import { parseGpt2Config } from './gpt2-config.js';
import { PRETRAINED_MODEL_TYPES, bertPretrained, gpt2Pretrained, type AnyPretrained } from './pretrained-families.js';
import { pretrainedModel, type PretrainedModel } from './pretrained-model.js';
import { readSafetensorsWeights } from './safetensors-checkpoint.js';
import { StateAssembler, type QuantizeOnLoad } from './state-assembler.js';
import type { Tokenizer } from './tokenizer.js';
import { HuggingFaceTokenizer } from './hugging-face-tokenizer.js';

/**
 * Options of the loaders (`loadPretrained` of `@qaxon/pretrained/node`,
 * `loadPretrainedFrom`).
 *
 * @example
 * ```ts
 * import type { LoadOptions } from '@qaxon/pretrained';
 * const options: LoadOptions = { quantize: true, tokenizer: 'tok512.bin' };
 * ```
 */
export interface LoadOptions {
  /**
   * Quantize dense kernels to int8 as they are read (`true`, or `{ layers }` to choose
   * them): the float copy of each is dropped before the next tensor is read. Default false.
   */
  quantize?: QuantizeOnLoad;
  /**
   * The tokenizer file, relative to the folder (or to the `.bin`'s folder): a llama2.c
   * tokenizer (`tokenizer.bin`, `tok512.bin`) or a Hugging Face `tokenizer.json`. Default:
   * `tokenizer.bin` there if present, else `tokenizer.json` if present.
   */
  tokenizer?: string;
  /**
   * Load straight onto this backend: each parameter is uploaded as soon as it is read (and
   * quantized), so the state holds the backend's handles and no host copy stays alive (the
   * weights are held once, by the backend). Run the model with `build(model, { backend })`
   * or `generate({ backend })` on the same backend; `backend.dispose()` frees the weights.
   */
  backend?: Backend;
}

/**
 * Loads a LLaMA checkpoint from `files`: the llama2.c checkpoint `llama2cFile` when given,
 * else a Hugging Face folder (`config.json`, `model.safetensors` or the shards of
 * `model.safetensors.index.json`). What both `loadPretrained` (Node) and
 * `loadPretrainedFrom` (browsers) do.
 *
 * @internal
 */
export async function loadLlamaFromFiles(files: CheckpointFiles, llama2cFile: string | undefined, options: LoadOptions): Promise<PretrainedModel> {
  if (llama2cFile !== undefined) {
    const { config, state, quantization } = await withCheckpointFile(files, llama2cFile, (source) =>
      readLlama2cCheckpoint(source, {
        ...(options.quantize === undefined ? {} : { quantize: options.quantize }),
        ...(options.backend === undefined ? {} : { backend: options.backend }),
      }),
    );
    return pretrainedModel(config, state, await loadTokenizer(files, options.tokenizer, config.vocabSize, config.bosTokenId, config.eosTokenId), quantization);
  }
  const loaded = await loadAnyFromFiles(files, undefined, options, SUPPORTED_MODEL_TYPES);
  return loaded as PretrainedModel;
}

/**
 * Loads any supported checkpoint from `files` (see {@link loadLlamaFromFiles}): the
 * `model_type` of `config.json` picks the family, among `accepted`.
 *
 * @internal
 */
export async function loadAnyFromFiles(
  files: CheckpointFiles,
  llama2cFile: string | undefined,
  options: LoadOptions,
  accepted: readonly string[] = PRETRAINED_MODEL_TYPES,
): Promise<AnyPretrained> {
  if (llama2cFile !== undefined) return loadLlamaFromFiles(files, llama2cFile, options);
  const configFile = await readJsonFile(files, 'config.json');
  if (configFile === undefined) throw new PretrainedError(`${files.name}: expected a Hugging Face folder with a config.json (or a llama2.c .bin), found no config.json`, files.name);
  const { json, name } = configFile;
  const modelType = (json as { model_type?: unknown } | null)?.model_type;
  if (typeof modelType !== 'string' || !accepted.includes(modelType)) {
    const others = PRETRAINED_MODEL_TYPES.filter((type) => !accepted.includes(type));
    throw new PretrainedError(
      `${name}: unsupported model_type ${JSON.stringify(modelType ?? null)}; supported: ${accepted.map((type) => `'${type}'`).join(', ')}${
        others.length > 0 && typeof modelType === 'string' && (others as string[]).includes(modelType) ? ` (load ${others.map((type) => `'${type}'`).join(' and ')} checkpoints with loadAnyPretrained / loadAnyPretrainedFrom)` : ''
      }`,
      name,
    );
  }
  const read = async (targets: Map<string, WeightTarget[]>, tensorName?: (name: string) => string) => {
    const assembler = new StateAssembler(targets, options.quantize ?? false, files.name, tensorName, options.backend);
    try {
      for (const file of await weightFiles(files)) await withCheckpointFile(files, file, (source) => readSafetensorsWeights(source, assembler));
      return assembler.finish();
    } catch (error) {
      assembler.release();
      throw error;
    }
  };
  if (modelType === 'gpt2') {
    const config = parseGpt2Config(json, name);
    const { state, report } = await read(gpt2WeightTargets(config), gpt2TensorName);
    return gpt2Pretrained(config, state, await loadTokenizer(files, options.tokenizer, config.vocabSize, config.bosTokenId, config.eosTokenId), report);
  }
  if (modelType === 'bert') {
    const config = parseBertConfig(json, name);
    const { state, report } = await read(bertWeightTargets(config), bertTensorName);
    return bertPretrained(config, state, await loadTokenizer(files, options.tokenizer, config.vocabSize), report);
  }
  const config = parseLlamaConfig(json, name);
  const { state, report } = await read(llamaWeightTargets(config));
  return pretrainedModel(config, state, await loadTokenizer(files, options.tokenizer, config.vocabSize, config.bosTokenId, config.eosTokenId), report);
}

/** The safetensors files of a folder: the shards of model.safetensors.index.json, or model.safetensors. @internal */
export async function weightFiles(files: CheckpointFiles): Promise<string[]> {
  const index = await readJsonFile(files, 'model.safetensors.index.json');
  if (index !== undefined) {
    const map = (index.json as { weight_map?: unknown } | null)?.weight_map;
    if (map === null || typeof map !== 'object' || Array.isArray(map) || !Object.values(map).every((file) => typeof file === 'string')) {
      throw new PretrainedError(`${index.name}: expected a weight_map from tensor names to shard file names`, index.name);
    }
    return [...new Set(Object.values(map as Record<string, string>))];
  }
  const single = await files.open('model.safetensors');
  if (single === undefined) throw new PretrainedError(`${files.name}: expected model.safetensors or model.safetensors.index.json, found neither`, files.name);
  await single.close?.();
  return ['model.safetensors'];
}

/**
 * The tokenizer `given` (a llama2.c `.bin`, or a Hugging Face `tokenizer.json`, with
 * `tokenizer_config.json` beside it when present); by default `tokenizer.bin`, else
 * `tokenizer.json`, when present.
 *
 * @internal
 */
export async function loadTokenizer(files: CheckpointFiles, given: string | undefined, vocabSize: number, bosId?: number, eosId?: number): Promise<Tokenizer | undefined> {
  const ids = { ...(bosId === undefined ? {} : { bosId }), ...(eosId === undefined ? {} : { eosId }) };
  if (given === undefined || given.endsWith('.json')) {
    const json = await readJsonFile(files, given ?? 'tokenizer.json');
    if (json !== undefined && (given !== undefined || (await readWholeFile(files, 'tokenizer.bin')) === undefined)) {
      const config = await readJsonFile(files, 'tokenizer_config.json');
      return HuggingFaceTokenizer.fromJson(json.json, { vocabSize, name: json.name, ...ids, ...(config === undefined ? {} : { config: config.json }) });
    }
    if (json === undefined && given !== undefined) throw new PretrainedError(`cannot read the tokenizer ${given}: no such file in ${files.name}`, given);
  }
  const file = await readWholeFile(files, given ?? 'tokenizer.bin');
  if (file === undefined) {
    if (given === undefined) return undefined;
    throw new PretrainedError(`cannot read the tokenizer ${given}: no such file in ${files.name}`, given);
  }
  return Llama2cTokenizer.fromBytes(file.bytes, { vocabSize, name: file.name, ...ids });
}
