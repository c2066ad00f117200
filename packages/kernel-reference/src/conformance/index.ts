/**
 * `@qaxon/kernel-reference/conformance`: the one suite every qaxon backend runs, comparing
 * it with the reference backend on seeded random and adversarial cases, and the plain
 * (vitest-free) helpers it is built on. Import it from test files only: it imports `vitest`
 * (a peer dependency).
 *
 * Tolerance of each output `y[m][n]`:
 * `|y - y_ref| <= absolute + relative * (K + 2) * (Σ_k |x[m][k] * w[k][n]| + |bias[n]|)`.
 *
 * @example
 * ```ts
 * import { describeBackendConformance, FLOAT32_ACCUMULATION } from '@qaxon/kernel-reference/conformance';
 * import { referenceBackend } from '@qaxon/kernel-reference';
 * // In a test file of your backend's package: replace referenceBackend with your backend.
 * describeBackendConformance({ name: 'my backend', create: () => referenceBackend, precision: FLOAT32_ACCUMULATION });
 * ```
 *
 * @packageDocumentation
 */
export {
  describeBackendConformance,
  ConformanceFailure,
  type BackendConformanceOptions,
} from './describe-backend-conformance.js';
export * from './runner.js';
