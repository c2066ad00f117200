import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { mnistModelsPlugin } from './node/models-plugin.js';
import { storiesModelPlugin } from './node/stories-model-plugin.js';

export default defineConfig({
  // Relative asset URLs: the built page works from any folder or static host.
  base: './',
  plugins: [mnistModelsPlugin(), storiesModelPlugin()],
  build: {
    target: 'es2022',
    // gpu.js's browser build is one large module; it is expected.
    chunkSizeWarningLimit: 1500,
    // qaxon's error classes name themselves after their class (`this.name = new.target.name`),
    // and the conformance cases check `error.name`: keep class names through minification.
    // Two pages: the MNIST page (index.html) and the story page (story.html).
    rolldownOptions: {
      input: { main: fileURLToPath(new URL('index.html', import.meta.url)), story: fileURLToPath(new URL('story.html', import.meta.url)) },
      output: { keepNames: true },
    },
  },
});
