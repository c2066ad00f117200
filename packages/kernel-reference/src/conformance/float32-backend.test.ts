import { float32Backend } from '../test-support/float32-backend.js';
import { describeBackendConformance } from './describe-backend-conformance.js';

// A correct backend that sums in float32 passes with FLOAT32_ACCUMULATION declared: the
// tolerance is sound, not just loose enough for the reference. Also exercises supports().
describeBackendConformance({
  name: 'float32 sequential sums',
  create: () => float32Backend(),
  supports: (op, testCase) => (op === 'matMul' && testCase.name.startsWith('long') ? 'long reductions skipped (demonstrating supports)' : true),
  timeoutMs: 10_000,
});
