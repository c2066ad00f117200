import type { Backend } from '@qaxon/tensor';
import { CONFORMANCE_CASES, FLOAT32_ACCUMULATION, runConformanceCase } from '@qaxon/kernel-reference/conformance-runner';

/**
 * The verdict on one conformance case, as the page reports it.
 *
 * @example
 * ```ts
 * const result: ConformanceCaseResult = { kernel: 'dense', name: '1x1: ...', ok: true, message: '', worstRatio: 0.01 };
 * ```
 */
export interface ConformanceCaseResult {
  kernel: 'dense' | 'quantizedDense';
  name: string;
  ok: boolean;
  /** Why it failed (empty when ok). */
  message: string;
  /** The largest `difference / tolerance` over the case's outputs. */
  worstRatio: number;
}

/**
 * The result of running every conformance case against one backend in the page.
 *
 * @example
 * ```ts
 * const report: ConformanceReport = { backend: 'gpu.js:webgl2', passed: 120, failed: 0, milliseconds: 900, results: [] };
 * ```
 */
export interface ConformanceReport {
  /** The backend's name, e.g. `gpu.js:webgl2`. */
  backend: string;
  passed: number;
  failed: number;
  milliseconds: number;
  results: ConformanceCaseResult[];
}

/**
 * Runs `CONFORMANCE_CASES` (the suite every qaxon backend passes in Node) against a backend
 * in the page, comparing it with the reference backend at float32 accumulation precision.
 * `onProgress` is called after each case.
 *
 * @example
 * ```ts
 * const report = await runPageConformance(backend);
 * console.log(`${report.passed} passed, ${report.failed} failed`);
 * ```
 */
export async function runPageConformance(backend: Backend, onProgress?: (done: number, total: number) => void): Promise<ConformanceReport> {
  const started = performance.now();
  const results: ConformanceCaseResult[] = [];
  for (const testCase of CONFORMANCE_CASES) {
    const verdict = await runConformanceCase(backend, testCase, FLOAT32_ACCUMULATION);
    results.push({ kernel: testCase.kernel, name: testCase.name, ok: verdict.ok, message: verdict.message, worstRatio: verdict.worstRatio });
    onProgress?.(results.length, CONFORMANCE_CASES.length);
  }
  const passed = results.filter((result) => result.ok).length;
  return { backend: backend.name, passed, failed: results.length - passed, milliseconds: performance.now() - started, results };
}
