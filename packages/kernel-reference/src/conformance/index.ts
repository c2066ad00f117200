/**
 * `@qaxon/kernel-reference/conformance`: the one suite every qaxon backend runs, comparing
 * it op by op with the reference backend on seeded random and adversarial cases, plus the
 * lifecycle cases, and the plain (vitest-free) helpers it is built on (also at
 * `@qaxon/kernel-reference/conformance-runner`). Import it from test files only: it
 * imports `vitest` (a peer dependency).
 *
 * Tolerance of each output: `|y - y_ref| <= absolute + relative * (n + 2) * magnitude`
 * with the backend's `precision[op]` (absent: bit-identical), `n` the op's reduction length.
 *
 * @example
 * ```ts
 * import { describeBackendConformance } from '@qaxon/kernel-reference/conformance';
 * import { createReferenceBackend } from '@qaxon/kernel-reference';
 * // In a test file of your backend's package: replace createReferenceBackend with your backend.
 * describeBackendConformance({ name: 'my backend', create: () => createReferenceBackend() });
 * ```
 *
 * @packageDocumentation
 */
export { describeBackendConformance, ConformanceFailure, type BackendConformanceOptions } from './describe-backend-conformance.js';
export * from './runner.js';
