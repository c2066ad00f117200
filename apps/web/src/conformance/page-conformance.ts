import type { Backend } from '@qaxon/tensor';
import { CONFORMANCE_CASES, LIFECYCLE_CASES, runBackendConformance, type RunBackendConformanceOptions } from '@qaxon/kernel-reference/conformance-runner';

/**
 * The verdict on one conformance case, as the page reports it.
 *
 * @example
 * ```ts
 * const result: ConformanceCaseResult = { name: 'relu "rank 0"', ok: true, skipped: '', message: '', worstRatio: 0 };
 * ```
 */
export interface ConformanceCaseResult {
  /** `'<op> "<case>"'`, or `'lifecycle: <case>'`. */
  name: string;
  ok: boolean;
  /** Why the case did not run (empty when it ran): an op the backend lacks a layout for. */
  skipped: string;
  /** What was found (why it failed, or what was checked). */
  message: string;
  /** The largest `difference / tolerance` over the case's outputs (0 when not compared). */
  worstRatio: number;
}

/**
 * The result of running the conformance suite against one backend in the page.
 *
 * @example
 * ```ts
 * const report: ConformanceReport = { backend: 'gpu.js:webgl2', passed: 120, failed: 0, skipped: 3, milliseconds: 900, results: [] };
 * ```
 */
export interface ConformanceReport {
  /** The backend's name, e.g. `gpu.js:webgl2`. */
  backend: string;
  /** Cases that ran and agreed with the reference. */
  passed: number;
  failed: number;
  /** Cases that did not run (the kernel refused the layout with `KernelUnsupportedError`). */
  skipped: number;
  milliseconds: number;
  results: ConformanceCaseResult[];
}

/**
 * Runs the conformance suite every qaxon backend passes in Node against a backend in the
 * page: the cases of every op the backend implements, compared with the reference backend
 * within the precision the backend declares, then the lifecycle cases (handles chained,
 * released, downloaded). `onProgress` is called after each case; `supports` leaves cases
 * out with a reason (gpu.js's GL modes: `gpuConformanceSupports(mode)`, no NaN inputs).
 *
 * @example
 * ```ts
 * const report = await runPageConformance(backend, undefined, gpuConformanceSupports(backend.mode));
 * console.log(`${report.passed} passed, ${report.failed} failed`);
 * ```
 */
export async function runPageConformance(
  backend: Backend,
  onProgress?: (done: number, total: number) => void,
  supports?: RunBackendConformanceOptions['supports'],
): Promise<ConformanceReport> {
  const started = performance.now();
  const total = CONFORMANCE_CASES.filter((testCase) => backend.kernels[testCase.op] !== undefined).length + LIFECYCLE_CASES.length;
  const results: ConformanceCaseResult[] = [];
  await runBackendConformance(backend, {
    ...(supports === undefined ? {} : { supports }),
    onVerdict(name, verdict) {
      results.push({ name, ok: verdict.passed, skipped: verdict.skipped ?? '', message: verdict.detail, worstRatio: verdict.worstRatio ?? 0 });
      onProgress?.(results.length, total);
    },
  });
  const skipped = results.filter((result) => result.skipped !== '').length;
  const passed = results.filter((result) => result.ok && result.skipped === '').length;
  return { backend: backend.name, passed, failed: results.filter((result) => !result.ok).length, skipped, milliseconds: performance.now() - started, results };
}
