import { checkpointFiles, type PretrainedFiles } from './checkpoint-files.js';
import { loadAnyFromFiles, loadLlamaFromFiles, type LoadOptions } from './load-from-files.js';
import type { AnyPretrained } from './pretrained-families.js';
import type { PretrainedModel } from './pretrained-model.js';
import type { UrlSourceOptions } from './url-source.js';

/**
 * Options of {@link loadPretrainedFrom}: those of `loadPretrained`, plus request headers
 * (or a `fetch`) for URLs.
 *
 * @example
 * ```ts
 * import type { LoadPretrainedFromOptions } from '@qaxon/pretrained';
 * const options: LoadPretrainedFromOptions = { quantize: true, tokenizer: 'tok512.bin' };
 * ```
 */
export interface LoadPretrainedFromOptions extends LoadOptions, UrlSourceOptions {}

/**
 * `loadPretrained` for browsers (and anywhere without a file system): the same checkpoints
 * with the same checks, read from `File`s / `Blob`s or over HTTP, one tensor at a time
 * (`Blob.slice` or `Range` requests: never a whole-file buffer), quantized while loading
 * with `quantize`. `files` is a folder picker's `FileList` (relative paths kept), a record
 * `{ 'config.json': blob, 'model.safetensors': blob, ... }`, the URL of a folder (ending
 * in `/`) or of a llama2.c `.bin`, or a `CheckpointFiles`.
 *
 * @example
 * ```ts
 * import { generate, loadPretrainedFrom } from '@qaxon/pretrained';
 * declare const picked: FileList; // <input type="file" webkitdirectory>
 * const fromFolder = await loadPretrainedFrom(picked, { tokenizer: 'tok512.bin', quantize: true });
 * const fromServer = await loadPretrainedFrom('https://example.com/models/stories260K/', { tokenizer: 'tok512.bin' });
 * const { text } = await generate({ pretrained: fromServer, prompt: 'Once upon a time', maxTokens: 40 });
 * ```
 */
export async function loadPretrainedFrom(files: PretrainedFiles, options: LoadPretrainedFromOptions = {}): Promise<PretrainedModel> {
  const { files: folder, llama2cFile } = checkpointFiles(files, urlOptions(options));
  return loadLlamaFromFiles(folder, llama2cFile, options);
}

function urlOptions(options: UrlSourceOptions): UrlSourceOptions {
  return { ...(options.headers === undefined ? {} : { headers: options.headers }), ...(options.fetch === undefined ? {} : { fetch: options.fetch }) };
}

/**
 * {@link loadPretrainedFrom} for every family: LLaMA, GPT-2 or BERT, as the `model_type`
 * of `config.json` says (a llama2.c `.bin` is LLaMA); `config.modelType` of the result
 * tells which. An unsupported `model_type` is a `PretrainedError` naming it and the
 * supported ones.
 *
 * @example
 * ```ts
 * import { build } from '@qaxon/graph';
 * import { bertInputs, loadAnyPretrainedFrom, meanPooling } from '@qaxon/pretrained';
 * const pretrained = await loadAnyPretrainedFrom('https://example.com/models/all-MiniLM-L6-v2/');
 * if (pretrained.config.modelType === 'bert') {
 *   const inputs = bertInputs([[101, 7592, 102]]);
 *   const sentence = meanPooling(await build(pretrained.model).predict(pretrained.state, inputs), inputs.attention_mask);
 * }
 * ```
 */
export async function loadAnyPretrainedFrom(files: PretrainedFiles, options: LoadPretrainedFromOptions = {}): Promise<AnyPretrained> {
  const { files: folder, llama2cFile } = checkpointFiles(files, urlOptions(options));
  return loadAnyFromFiles(folder, llama2cFile, options);
}
