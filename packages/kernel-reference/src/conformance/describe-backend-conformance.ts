import { KERNEL_NAMES, type Backend } from '@qaxon/tensor';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { CONFORMANCE_CASES, type ConformanceCase } from './cases.js';
import { checkConformancePrecision, type ConformancePrecision } from './precision.js';
import { runConformanceCase } from './run-conformance-case.js';
import { runNonFiniteRowsCase } from './run-non-finite-rows-case.js';
import { runRewrittenKernelCase } from './run-rewritten-kernel-case.js';

/**
 * Options of {@link describeBackendConformance}.
 *
 * @example
 * ```ts
 * import type { BackendConformanceOptions } from '@qaxon/kernel-reference/conformance';
 * import { referenceBackend } from '@qaxon/kernel-reference';
 * const options: BackendConformanceOptions = {
 *   name: 'reference',
 *   create: () => referenceBackend,
 *   precision: { relative: 2 ** -23, absolute: 0 },
 *   supports: (c) => (c.inner > 4096 ? 'K above 4096 exceeds the texture size' : true),
 * };
 * ```
 */
export interface BackendConformanceOptions {
  /** Used in the `describe()` titles. */
  name: string;
  /** Called once in `beforeAll`; the backend's `dispose()` (if any) is called in `afterAll`. */
  create: () => Backend | Promise<Backend>;
  /**
   * The backend's declared precision. An output passes when
   * `|y - y_ref| <= absolute + relative * (K + 2) * (Σ_k |x[k] * w[k][n]| + |bias[n]|)`,
   * `w` the (dequantized) weight; see {@link ConformancePrecision} for why. Float32
   * accumulation in any order: `{ relative: 2 ** -23, absolute: 2 ** -126 }`
   * ({@link FLOAT32_ACCUMULATION}).
   */
  precision: ConformancePrecision;
  /** `true`, or the reason the case is unsupported: it is then registered as skipped, with the reason in its title. */
  supports?: (testCase: ConformanceCase) => true | string;
  /** Per-test (and `beforeAll`/`afterAll`) timeout in milliseconds (default 60000: gpu.js compiles are slow). */
  timeoutMs?: number;
}

/**
 * Registers the conformance suite for a backend: inside the current vitest file, one
 * `describe` per kernel with one `it` per {@link CONFORMANCE_CASES} entry, each comparing
 * the backend with the reference backend ({@link runConformanceCase}), and one lifecycle
 * cases: a kernel written into in place after use ({@link runRewrittenKernelCase}) and
 * NaN/Infinity inputs propagating per row ({@link runNonFiniteRowsCase}). A failing case
 * prints the kernel, the case, the first bad index `[m, n]`, both values, the difference
 * and the tolerance. Import it from test files only (it imports `vitest`).
 *
 * @example
 * ```ts
 * // packages/kernel-gpu/src/conformance.test.ts
 * import { describeBackendConformance, FLOAT32_ACCUMULATION } from '@qaxon/kernel-reference/conformance';
 * import { createGpuBackend } from '@qaxon/kernel-gpu';
 *
 * describeBackendConformance({
 *   name: 'gpu.js (cpu mode)',
 *   create: () => createGpuBackend({ mode: 'cpu' }),
 *   precision: FLOAT32_ACCUMULATION,
 *   supports: (c) => (c.invalid === undefined && c.inner > 4096 ? 'K above 4096 exceeds the texture size' : true),
 * });
 * ```
 */
export function describeBackendConformance(options: BackendConformanceOptions): void {
  const { name, create, precision, supports, timeoutMs = 60_000 } = options;
  checkConformancePrecision(precision, `describeBackendConformance (${name})`);

  describe(`${name}: conformance with the reference backend`, () => {
    let backend: Backend | undefined;
    beforeAll(async () => {
      backend = await create();
    }, timeoutMs);
    afterAll(async () => {
      await backend?.dispose?.();
    }, timeoutMs);

    for (const kernel of KERNEL_NAMES) {
      describe(kernel, () => {
        for (const testCase of CONFORMANCE_CASES.filter((c) => c.kernel === kernel)) {
          const support = supports === undefined ? true : supports(testCase);
          if (support !== true) {
            const reason = typeof support === 'string' && support !== '' ? support : 'unsupported';
            it.skip(`${testCase.name} [unsupported: ${reason}]`, () => {});
            continue;
          }
          it(
            testCase.name,
            async () => {
              if (backend === undefined) throw new Error(`describeBackendConformance (${name}): create() did not produce a backend`);
              const verdict = await runConformanceCase(backend, testCase, precision);
              if (!verdict.ok) throw new ConformanceFailure(verdict.message);
            },
            timeoutMs,
          );
        }
        const lifecycle = [
          ['a kernel written into in place after use gives the new result, as on the reference', runRewrittenKernelCase],
          ['NaN and Infinity in x propagate per row, as on the reference', runNonFiniteRowsCase],
        ] as const;
        for (const [title, runCase] of lifecycle) {
          it(
            title,
            async () => {
              if (backend === undefined) throw new Error(`describeBackendConformance (${name}): create() did not produce a backend`);
              const verdict = await runCase(backend, kernel, precision);
              if (!verdict.ok) throw new ConformanceFailure(verdict.message);
            },
            timeoutMs,
          );
        }
      });
    }
  });
}

/**
 * The error a failing conformance test throws; its message is the verdict's message.
 *
 * @example
 * ```ts
 * import { ConformanceFailure } from '@qaxon/kernel-reference/conformance';
 * const failure = new ConformanceFailure('dense "1x1": ...');
 * console.log(failure.name); // 'ConformanceFailure'
 * ```
 */
export class ConformanceFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConformanceFailure';
  }
}
