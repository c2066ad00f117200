import { describeBackendConformance } from '@qaxon/kernel-reference/conformance';
import { createWasmBackend } from './index.js';

// The cases of every op this backend implements, against the reference, within the
// precision it declares (dense ops: float32 sums; the loops: bit-identical).
describeBackendConformance({
  name: 'wasm (1 thread)',
  create: () => createWasmBackend({ threads: 1 }),
  timeoutMs: 20_000,
});

// parallelThreshold 0: every dense call, however small, is split across both threads.
describeBackendConformance({
  name: 'wasm (2 threads)',
  create: () => createWasmBackend({ threads: 2, parallelThreshold: 0 }),
  timeoutMs: 20_000,
});
