import type { Backend, OpName } from '@qaxon/tensor';
import { CONFORMANCE_CASES, type ConformanceCase } from './cases.js';
import { LIFECYCLE_CASES } from './lifecycle-cases.js';
import { runConformanceCase, type ConformanceVerdict } from './run-conformance-case.js';

/**
 * Options of {@link runBackendConformance}.
 *
 * @example
 * ```ts
 * import type { RunBackendConformanceOptions } from '@qaxon/kernel-reference/conformance-runner';
 * const options: RunBackendConformanceOptions = { supports: (op) => (op === 'gather' ? 'no gather here' : true) };
 * ```
 */
export interface RunBackendConformanceOptions {
  /** `true`, or the reason to skip a case. */
  supports?: (op: OpName, testCase: ConformanceCase) => true | string;
  /** Called after each case (for progress on a page). */
  onVerdict?: (name: string, verdict: ConformanceVerdict) => void;
}

/**
 * The verdicts of a whole run, by case name (`'op "case"'` or `'lifecycle: ...'`).
 *
 * @example
 * ```ts
 * import type { BackendConformanceReport } from '@qaxon/kernel-reference/conformance-runner';
 * const report: BackendConformanceReport = { verdicts: [], failed: [] };
 * ```
 */
export interface BackendConformanceReport {
  /** Every case run or skipped, with its verdict. */
  verdicts: { name: string; verdict: ConformanceVerdict }[];
  /** The names and details of the failed ones. */
  failed: { name: string; detail: string }[];
}

/**
 * Runs every conformance case of the ops `backend.kernels` has, then the lifecycle cases,
 * one after another, without a test framework.
 *
 * @example
 * ```ts
 * import { referenceBackend } from '@qaxon/kernel-reference';
 * import { runBackendConformance } from '@qaxon/kernel-reference/conformance-runner';
 * const { failed } = await runBackendConformance(referenceBackend);
 * console.log(failed); // []
 * ```
 */
export async function runBackendConformance(backend: Backend, options: RunBackendConformanceOptions = {}): Promise<BackendConformanceReport> {
  const report: BackendConformanceReport = { verdicts: [], failed: [] };
  const record = (name: string, verdict: ConformanceVerdict): void => {
    report.verdicts.push({ name, verdict });
    if (!verdict.passed) report.failed.push({ name, detail: verdict.detail });
    options.onVerdict?.(name, verdict);
  };
  for (const testCase of CONFORMANCE_CASES) {
    if (backend.kernels[testCase.op] === undefined) continue;
    const name = `${testCase.op} "${testCase.name}"`;
    const support = options.supports?.(testCase.op, testCase) ?? true;
    if (support !== true) {
      record(name, { passed: true, detail: `${name}: not run`, skipped: support || 'unsupported' });
      continue;
    }
    record(name, await runConformanceCase(backend, testCase));
  }
  for (const lifecycleCase of LIFECYCLE_CASES) record(`lifecycle: ${lifecycleCase.name}`, await lifecycleCase.run(backend));
  return report;
}
