import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The model the app loads when `--model` is not given: Karpathy's stories260K (a 260K
 * parameter LLaMA trained on TinyStories, MIT) as the Hugging Face folder that
 * `@qaxon/pretrained` keeps as its test model (`fixtures/stories260K` in the workspace).
 *
 * @example
 * ```ts
 * console.log(BUNDLED_MODEL_PATH.endsWith('fixtures/stories260K')); // true
 * ```
 */
export const BUNDLED_MODEL_PATH = join(dirname(fileURLToPath(import.meta.resolve('@qaxon/pretrained/package.json'))), 'fixtures', 'stories260K');

/** The bundled model's tokenizer file (llama2.c format, 512 tokens), in {@link BUNDLED_MODEL_PATH}. */
export const BUNDLED_TOKENIZER = 'tok512.bin';

/** The name reports give the bundled model. */
export const BUNDLED_MODEL_NAME = 'stories260K';
