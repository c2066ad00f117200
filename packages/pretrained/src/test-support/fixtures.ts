import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The stories260K folder (Hugging Face layout, plus its llama2.c files). */
export const STORIES_FOLDER = fileURLToPath(new URL('../../fixtures/stories260K', import.meta.url));
/** The llama2.c checkpoint of the same weights. */
export const STORIES_BIN = `${STORIES_FOLDER}/stories260K.bin`;
/** llama2.c's greedy continuation of "Once upon a time" (its final newline is run.c's own). */
export const GREEDY_TEXT = readFileSync(`${STORIES_FOLDER}/greedy.txt`, 'utf8').replace(/\n$/, '');
