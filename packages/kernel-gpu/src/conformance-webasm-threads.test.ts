import { describeModeConformance } from './test-support/conformance-for-mode.js';

// gpu.js's WebAssembly worker pool: asynchronous kernels, K split for single rows.
describeModeConformance('webasm', { threads: true });
