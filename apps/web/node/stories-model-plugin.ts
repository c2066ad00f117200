import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Plugin } from 'vite';

/** The story page's model files, as the page fetches them (relative to the page). */
export const STORIES_MODEL_FILES = Object.freeze({ checkpoint: 'models/stories260K.bin', tokenizer: 'models/tok512.bin' });

/**
 * The folder of the model `@qaxon/pretrained` keeps as its test model: Karpathy's
 * stories260K (MIT), in llama2.c's layout (`stories260K.bin`) with its tokenizer.
 *
 * @example
 * ```ts
 * console.log(storiesModelFolder().endsWith('fixtures/stories260K')); // true
 * ```
 */
export function storiesModelFolder(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('@qaxon/pretrained/package.json')), 'fixtures', 'stories260K');
}

/**
 * A Vite plugin serving (dev) and emitting (build) the story page's model files
 * ({@link STORIES_MODEL_FILES}) from `@qaxon/pretrained`'s fixtures, so nothing is copied
 * into this app's sources.
 *
 * @example
 * ```ts
 * import { defineConfig } from 'vite';
 * export default defineConfig({ plugins: [storiesModelPlugin()] });
 * ```
 */
export function storiesModelPlugin(): Plugin {
  const folder = storiesModelFolder();
  const files = new Map<string, string>([
    [STORIES_MODEL_FILES.checkpoint, join(folder, 'stories260K.bin')],
    [STORIES_MODEL_FILES.tokenizer, join(folder, 'tok512.bin')],
  ]);
  return {
    name: 'qaxon-stories-model',
    configureServer(server) {
      server.middlewares.use((request, response, next) => {
        const path = new URL(request.url ?? '/', 'http://localhost').pathname.replace(/^\/+/, '');
        const file = files.get(path);
        if (file === undefined) return next();
        response.setHeader('Content-Type', 'application/octet-stream');
        response.end(readFileSync(file));
      });
    },
    generateBundle() {
      for (const [fileName, file] of files) this.emitFile({ type: 'asset', fileName, source: readFileSync(file) });
    },
  };
}
