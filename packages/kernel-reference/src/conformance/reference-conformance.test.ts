import { createReferenceBackend, referenceBackend } from '../reference-backend.js';
import { describeBackendConformance } from './describe-backend-conformance.js';

// The reference against itself, bit-identical (it declares no precision).
describeBackendConformance({ name: 'reference', create: () => createReferenceBackend() });
describeBackendConformance({ name: 'the shared reference instance', create: () => referenceBackend, timeoutMs: 10_000 });
