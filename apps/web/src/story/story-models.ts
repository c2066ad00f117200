import { Llama2cTokenizer, bytesSource, loadPretrainedFrom, pretrainedModel, readLlama2cCheckpoint, type PretrainedModel } from '@qaxon/pretrained';

/**
 * A checkpoint loaded twice in the page: float32, and int8 (dense kernels quantized per
 * output channel while the bytes are read), with how long each load took.
 *
 * @example
 * ```ts
 * const pair = await loadStoryModels({ name: 'stories260K.bin', bytes }, { name: 'tok512.bin', bytes: tokenizerBytes });
 * console.log(pair.float.state.byteSize(), pair.int8.state.byteSize());
 * ```
 */
export interface StoryModels {
  /** The checkpoint's file name. */
  readonly name: string;
  readonly float: PretrainedModel;
  readonly int8: PretrainedModel;
  readonly loadMs: { readonly float: number; readonly int8: number };
}

/** A file's name and bytes (fetched, or read from a picked `File`). */
export interface NamedBytes {
  readonly name: string;
  readonly bytes: Uint8Array;
}

/**
 * Loads a llama2.c checkpoint and its tokenizer from bytes already in the page (uses
 * `readLlama2cCheckpoint` over `bytesSource` of `@qaxon/pretrained`): once in float32 and
 * once quantized to int8 while loading — the quantization runs here, in the page.
 *
 * @example
 * ```ts
 * const { float, int8 } = await loadStoryModels(checkpoint, tokenizer);
 * ```
 */
export async function loadStoryModels(checkpoint: NamedBytes, tokenizer: NamedBytes): Promise<StoryModels> {
  const load = async (quantize: boolean): Promise<{ model: PretrainedModel; ms: number }> => {
    const started = performance.now();
    const read = await readLlama2cCheckpoint(bytesSource(checkpoint.bytes, checkpoint.name), { quantize });
    const { config } = read;
    const words = Llama2cTokenizer.fromBytes(tokenizer.bytes, {
      vocabSize: config.vocabSize,
      name: tokenizer.name,
      ...(config.bosTokenId === undefined ? {} : { bosId: config.bosTokenId }),
      ...(config.eosTokenId === undefined ? {} : { eosId: config.eosTokenId }),
    });
    const model = pretrainedModel(config, read.state, words, read.quantization);
    return { model, ms: performance.now() - started };
  };
  const float = await load(false);
  const int8 = await load(true);
  return { name: checkpoint.name, float: float.model, int8: int8.model, loadMs: { float: float.ms, int8: int8.ms } };
}

/** `tokenizer.bin` or a `tok*.bin`: llama2.c's tokenizer files. */
const isTokenizerName = (name: string): boolean => /^(tokenizer|tok[^/]*)\.bin$/i.test(name);

/**
 * Loads a checkpoint a user picked — a Hugging Face LLaMA folder (`config.json`,
 * `model.safetensors` or its shards) or a llama2.c `.bin`, with a llama2.c tokenizer
 * (`tokenizer.bin` or `tok*.bin`) among the files — with `loadPretrainedFrom` of
 * `@qaxon/pretrained`: float32, then int8 quantized while loading, each read tensor by
 * tensor from the `File`s (`Blob.slice`, never the whole file at once). Throws, naming the
 * files it got, when no tokenizer the page can use is there.
 *
 * @example
 * ```ts
 * const models = await loadPickedModels([...input.files!]);
 * ```
 */
export async function loadPickedModels(files: readonly File[]): Promise<StoryModels> {
  const names = files.map((file) => file.name);
  const tokenizer = files.find((file) => isTokenizerName(file.name));
  const checkpoint = files.find((file) => file.name.toLowerCase().endsWith('.bin') && !isTokenizerName(file.name));
  const name = names.includes('config.json') ? folderName(files) : (checkpoint?.name ?? 'files');
  const options = tokenizer === undefined ? {} : { tokenizer: tokenizer.name };
  const load = async (quantize: boolean): Promise<{ model: PretrainedModel; ms: number }> => {
    const started = performance.now();
    const model = await loadPretrainedFrom(files, { ...options, quantize });
    return { model, ms: performance.now() - started };
  };
  const float = await load(false);
  if (float.model.tokenizer === undefined) {
    throw new Error(
      `expected a tokenizer the page can read (a llama2.c tokenizer.bin or tok*.bin) among the files, got ${names.length === 0 ? 'no files' : names.slice(0, 8).join(', ')}${names.length > 8 ? ` and ${names.length - 8} more` : ''}`,
    );
  }
  const int8 = await load(true);
  return { name, float: float.model, int8: int8.model, loadMs: { float: float.ms, int8: int8.ms } };
}

/** The picked folder's name (`webkitRelativePath`'s first part), or "picked files". */
function folderName(files: readonly File[]): string {
  const path = files[0]?.webkitRelativePath ?? '';
  return path.includes('/') ? path.slice(0, path.indexOf('/')) : 'picked files';
}
