import type { Plugin } from 'vite';
import { mnistWeightsPath, modelFiles, readMnistWeights } from './model-assets.js';

/**
 * A Vite plugin serving (dev) and emitting (build) the page's two model files from the
 * weights `apps/mnist` committed, so nothing is copied into this app's sources.
 *
 * @example
 * ```ts
 * import { defineConfig } from 'vite';
 * export default defineConfig({ plugins: [mnistModelsPlugin()] });
 * ```
 */
export function mnistModelsPlugin(): Plugin {
  let files: Map<string, Uint8Array> | undefined;
  const load = (): Map<string, Uint8Array> => (files ??= modelFiles(readMnistWeights()));
  return {
    name: 'qaxon-mnist-models',
    buildStart() {
      this.addWatchFile(mnistWeightsPath());
      files = undefined;
    },
    configureServer(server) {
      server.middlewares.use((request, response, next) => {
        const path = new URL(request.url ?? '/', 'http://localhost').pathname.replace(/^\/+/, '');
        const bytes = load().get(path);
        if (bytes === undefined) return next();
        response.setHeader('Content-Type', 'application/octet-stream');
        response.end(bytes);
      });
    },
    generateBundle() {
      for (const [fileName, source] of load()) this.emitFile({ type: 'asset', fileName, source });
    },
  };
}
