import { defineConfig } from 'vitest/config';

// A config of its own, so vitest does not load vite.config.ts (its build plugin and the
// vitest stub alias are for the page bundle only).
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'node/**/*.test.ts', 'e2e/**/*.test.ts'],
    environment: 'node',
    // The browser test builds the page and starts Chromium once, in its own file.
    testTimeout: 20_000,
    hookTimeout: 120_000,
  },
});
