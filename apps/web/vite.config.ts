import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { mnistModelsPlugin } from './node/models-plugin.js';

export default defineConfig({
  // Relative asset URLs: the built page works from any folder or static host.
  base: './',
  plugins: [mnistModelsPlugin()],
  resolve: {
    alias: {
      // `@qaxon/kernel-reference/conformance` also exports its vitest suite; the page only
      // uses the plain helpers, so vitest is replaced by a stub that throws if ever called.
      vitest: fileURLToPath(new URL('./src/conformance/vitest-stub.ts', import.meta.url)),
    },
  },
  build: {
    target: 'es2022',
    // gpu.js's browser build is one large module; it is expected.
    chunkSizeWarningLimit: 1500,
    // qaxon's error classes name themselves after their class (`this.name = new.target.name`),
    // and the conformance cases check `error.name`: keep class names through minification.
    rolldownOptions: { output: { keepNames: true } },
  },
});
