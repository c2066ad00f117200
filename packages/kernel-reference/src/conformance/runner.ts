/**
 * The conformance cases and the comparison with the reference, without vitest: what a
 * page, a worker or any script needs to run the suite against a backend and get verdicts
 * (`@qaxon/kernel-reference/conformance-runner`). `./conformance` re-exports all of it plus
 * the vitest registration `describeBackendConformance`.
 *
 * @example
 * ```ts
 * import { referenceBackend } from '@qaxon/kernel-reference';
 * import { runBackendConformance } from '@qaxon/kernel-reference/conformance-runner';
 * const report = await runBackendConformance(referenceBackend);
 * console.log(report.failed.length); // 0
 * ```
 *
 * @module
 */
export { CONFORMANCE_CASES, type ConformanceCall, type ConformanceCase } from './cases.js';
export { dynamicQuantizedDenseCases } from './dynamic-quantized-dense-cases.js';
export { BIT_IDENTICAL, FLOAT32_ACCUMULATION, casePrecision, conformanceTolerance, declaredPrecision } from './precision.js';
export { outputMagnitudes, type OutputMagnitudes } from './magnitudes.js';
export { compareOutputs } from './compare-outputs.js';
export { runConformanceCase, type ConformanceVerdict } from './run-conformance-case.js';
export { LIFECYCLE_CASES, type LifecycleCase } from './lifecycle-cases.js';
export { WEIGHT_CHECK_CASE } from './weight-check-case.js';
export { runBackendConformance, type BackendConformanceReport, type RunBackendConformanceOptions } from './run-backend-conformance.js';
export { s4Cases } from './s4-cases.js';
export { denseActivationCases } from './dense-activation-cases.js';
