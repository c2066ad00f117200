/**
 * The conformance cases and the comparison with the reference, without vitest: what a
 * page, a worker or any script needs to run the suite's cases against a backend and get
 * verdicts (`@qaxon/kernel-reference/conformance-runner`). `./conformance` re-exports all
 * of it plus the vitest registration `describeBackendConformance`.
 *
 * @example
 * ```ts
 * import { referenceBackend } from '@qaxon/kernel-reference';
 * import { CONFORMANCE_CASES, FLOAT32_ACCUMULATION, runConformanceCase } from '@qaxon/kernel-reference/conformance-runner';
 * const verdict = await runConformanceCase(referenceBackend, CONFORMANCE_CASES[0]!, FLOAT32_ACCUMULATION);
 * console.log(verdict.ok);
 * ```
 *
 * @module
 */
export {
  CONFORMANCE_CASES,
  type ConformanceCase,
  type ConformanceInputs,
  type ConformanceInvalidInput,
} from './cases.js';
export {
  FLOAT32_ACCUMULATION,
  checkConformancePrecision,
  conformanceTolerance,
  type ConformancePrecision,
} from './precision.js';
export { accumulationMagnitudes } from './magnitudes.js';
export {
  compareWithReference,
  type CompareWithReferenceOptions,
  type ConformanceMismatch,
  type ConformanceVerdict,
} from './compare-with-reference.js';
export { runConformanceCase, type RunConformanceCaseOptions } from './run-conformance-case.js';
export { runRewrittenKernelCase } from './run-rewritten-kernel-case.js';
export { runNonFiniteRowsCase } from './run-non-finite-rows-case.js';
export {
  CONFORMANCE_SEED,
  buildConformanceInputs,
  conformanceInputShape,
  type ConformanceCallInputs,
} from './inputs.js';
