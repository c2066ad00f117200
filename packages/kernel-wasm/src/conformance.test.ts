import { describeBackendConformance, FLOAT32_ACCUMULATION } from '@qaxon/kernel-reference/conformance';
import { createWasmBackend } from './index.js';

// Float32 products and sums (sequential in k), scale and bias: FLOAT32_ACCUMULATION.
describeBackendConformance({
  name: 'wasm (1 thread)',
  create: () => createWasmBackend({ threads: 1 }),
  precision: FLOAT32_ACCUMULATION,
  timeoutMs: 20_000,
});

// parallelThreshold 0: every call, however small, is split across both threads.
describeBackendConformance({
  name: 'wasm (2 threads)',
  create: () => createWasmBackend({ threads: 2, parallelThreshold: 0 }),
  precision: FLOAT32_ACCUMULATION,
  timeoutMs: 20_000,
});
