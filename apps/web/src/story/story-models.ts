import { Llama2cTokenizer, bytesSource, pretrainedModel, readLlama2cCheckpoint, type PretrainedModel } from '@qaxon/pretrained';

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

/**
 * Picks the checkpoint and the tokenizer among files a user chose (a folder or several
 * files): the tokenizer is `tokenizer.bin` or a `tok*.bin`, the checkpoint the other `.bin`.
 * Throws, naming what was found, when either is missing or a Hugging Face folder was given.
 *
 * @example
 * ```ts
 * const { checkpoint, tokenizer } = pickCheckpointFiles([...input.files]);
 * ```
 */
export function pickCheckpointFiles<F extends { readonly name: string }>(files: readonly F[]): { checkpoint: F; tokenizer: F } {
  const names = files.map((file) => file.name);
  const isTokenizer = (name: string) => /^(tokenizer|tok[^/]*)\.bin$/i.test(name);
  const tokenizer = files.find((file) => isTokenizer(file.name));
  const checkpoint = files.find((file) => file.name.toLowerCase().endsWith('.bin') && !isTokenizer(file.name));
  if (checkpoint === undefined || tokenizer === undefined) {
    const huggingFace = names.includes('config.json') ? ' (a Hugging Face folder: this page reads llama2.c checkpoints; convert it with llama2.c export.py, or use apps/generate in Node)' : '';
    throw new Error(
      `expected a llama2.c checkpoint (.bin) and its tokenizer (tokenizer.bin or tok*.bin), got ${names.length === 0 ? 'no files' : names.slice(0, 8).join(', ')}${names.length > 8 ? ` and ${names.length - 8} more` : ''}${huggingFace}`,
    );
  }
  return { checkpoint, tokenizer };
}
