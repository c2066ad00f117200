import { referenceBackend } from '../reference-backend.js';
import { describeBackendConformance } from './describe-backend-conformance.js';

// The reference against itself must be bit-identical: zero tolerance.
describeBackendConformance({
  name: 'reference (exact)',
  create: () => referenceBackend,
  precision: { relative: 0, absolute: 0 },
});
