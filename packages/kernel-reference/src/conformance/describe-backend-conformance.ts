import { OP_NAMES, type Backend, type OpName } from '@qaxon/tensor';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { CONFORMANCE_CASES, type ConformanceCase } from './cases.js';
import { LIFECYCLE_CASES } from './lifecycle-cases.js';
import { declaredPrecision } from './precision.js';
import { runConformanceCase, type ConformanceVerdict } from './run-conformance-case.js';

/**
 * Options of {@link describeBackendConformance}.
 *
 * @example
 * ```ts
 * import type { BackendConformanceOptions } from '@qaxon/kernel-reference/conformance';
 * import { createReferenceBackend } from '@qaxon/kernel-reference';
 * const options: BackendConformanceOptions = {
 *   name: 'reference',
 *   create: () => createReferenceBackend(),
 *   supports: (op, testCase) => (op === 'matMul' && testCase.name.includes('long') ? 'K above the texture size' : true),
 * };
 * ```
 */
export interface BackendConformanceOptions {
  /** Used in the `describe()` titles. */
  name: string;
  /** Called once in `beforeAll`; the backend's `dispose()` (if any) is called in `afterAll`. */
  create: () => Backend | Promise<Backend>;
  /** `true`, or the reason a case is unsupported: it is then registered as skipped, with the reason in its title. */
  supports?: (op: OpName, testCase: ConformanceCase) => true | string;
  /** Per-test (and `beforeAll`/`afterAll`) timeout in milliseconds (default 60000: GPU compiles are slow). */
  timeoutMs?: number;
}

/**
 * The error a failing conformance test throws; its message is the verdict's detail.
 *
 * @example
 * ```ts
 * import { ConformanceFailure } from '@qaxon/kernel-reference/conformance';
 * console.log(new ConformanceFailure('relu "rank 0": ...').name); // 'ConformanceFailure'
 * ```
 */
export class ConformanceFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConformanceFailure';
  }
}

/**
 * Registers the conformance suite for a backend in the current vitest file: one `describe`
 * per op with one test per {@link CONFORMANCE_CASES} entry, each comparing the backend with
 * the reference through upload, kernel and download within `backend.precision[op]` (absent:
 * bit-identical), and the lifecycle cases (chained ops on handles, released handles
 * refused, `owns`, `download` copies, quantized uploads keep their layout, `memory()`).
 * Cases of ops the backend does not implement (not in `backend.kernels`) are skipped at run
 * time, and so are cases whose kernel throws `KernelUnsupportedError`. Import it from test
 * files only (it imports `vitest`).
 *
 * @example
 * ```ts
 * // packages/my-backend/src/conformance.test.ts
 * import { describeBackendConformance } from '@qaxon/kernel-reference/conformance';
 * import { createReferenceBackend } from '@qaxon/kernel-reference';
 *
 * describeBackendConformance({ name: 'my backend', create: () => createReferenceBackend() });
 * ```
 */
export function describeBackendConformance(options: BackendConformanceOptions): void {
  const { name, create, supports, timeoutMs = 60_000 } = options;

  describe(`${name}: conformance with the reference backend`, () => {
    let backend: Backend | undefined;
    beforeAll(async () => {
      backend = await create();
      for (const op of OP_NAMES) if (backend.kernels[op] !== undefined) declaredPrecision(backend, op);
    }, timeoutMs);
    afterAll(async () => {
      await backend?.dispose?.();
    }, timeoutMs);

    const ready = (): Backend => {
      if (backend === undefined) throw new Error(`describeBackendConformance (${name}): create() did not produce a backend`);
      return backend;
    };
    const settle = (verdict: ConformanceVerdict, skip: (note?: string) => void): void => {
      if (!verdict.passed) throw new ConformanceFailure(verdict.detail);
      if (verdict.skipped !== undefined) skip(verdict.skipped);
    };

    for (const op of OP_NAMES) {
      describe(op, () => {
        for (const testCase of CONFORMANCE_CASES.filter((c) => c.op === op)) {
          const support = supports === undefined ? true : supports(op, testCase);
          if (support !== true) {
            it.skip(`${testCase.name} [unsupported: ${support || 'unsupported'}]`, () => {});
            continue;
          }
          it(testCase.name, async (context) => settle(await runConformanceCase(ready(), testCase), (note) => context.skip(note)), timeoutMs);
        }
      });
    }

    describe('lifecycle', () => {
      for (const lifecycleCase of LIFECYCLE_CASES) {
        it(lifecycleCase.name, async (context) => settle(await lifecycleCase.run(ready()), (note) => context.skip(note)), timeoutMs);
      }
    });
  });
}
