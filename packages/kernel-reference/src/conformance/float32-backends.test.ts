import { float32Backend } from '../test-support/float32-backends.js';
import { describeBackendConformance } from './describe-backend-conformance.js';
import { FLOAT32_ACCUMULATION } from './precision.js';

// Correct float32 backends, in every summation order a real kernel uses, must pass with the
// declared float32 precision: the tolerance is sound, not just loose enough for the reference.
describeBackendConformance({ name: 'float32 sequential', create: () => float32Backend('sequential'), precision: FLOAT32_ACCUMULATION });
describeBackendConformance({ name: 'float32 lanes of 4', create: () => float32Backend('lanes-of-4'), precision: FLOAT32_ACCUMULATION });
describeBackendConformance({
  name: 'float32 pairwise',
  create: async () => float32Backend('pairwise'),
  precision: FLOAT32_ACCUMULATION,
  // Exercises the skip path: the reason shows in the title.
  supports: (c) => (c.inner > 4096 ? 'K above 4096 (demonstrating supports)' : true),
});
describeBackendConformance({
  name: 'float32 dequantize-first',
  create: () => float32Backend('dequantize-first'),
  precision: FLOAT32_ACCUMULATION,
  timeoutMs: 10_000,
});
