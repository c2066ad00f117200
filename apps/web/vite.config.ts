import { defineConfig } from 'vite';
import { mnistModelsPlugin } from './node/models-plugin.js';

export default defineConfig({
  // Relative asset URLs: the built page works from any folder or static host.
  base: './',
  plugins: [mnistModelsPlugin()],
  build: {
    target: 'es2022',
    // gpu.js's browser build is one large module; it is expected.
    chunkSizeWarningLimit: 1500,
    // qaxon's error classes name themselves after their class (`this.name = new.target.name`),
    // and the conformance cases check `error.name`: keep class names through minification.
    rolldownOptions: { output: { keepNames: true } },
  },
});
