import { fileURLToPath } from 'node:url';

/**
 * The bench package's folder (`apps/bench`), from `src/` or `dist/` alike.
 *
 * @example
 * ```ts
 * console.log(BENCH_PACKAGE_DIR.endsWith('apps/bench')); // true
 * ```
 */
export const BENCH_PACKAGE_DIR = fileURLToPath(new URL('..', import.meta.url)).replace(/\/$/, '');

/**
 * The repository root.
 *
 * @example
 * ```ts
 * console.log(REPOSITORY_ROOT.endsWith('apps')); // false
 * ```
 */
export const REPOSITORY_ROOT = fileURLToPath(new URL('../../..', import.meta.url)).replace(/\/$/, '');

/**
 * Where results, the markdown table and the charts are written (`docs/benchmarks`).
 *
 * @example
 * ```ts
 * console.log(RESULTS_DIR.endsWith('docs/benchmarks')); // true
 * ```
 */
export const RESULTS_DIR = `${REPOSITORY_ROOT}/docs/benchmarks`;

/**
 * The trained float weights of the MNIST MLP (committed by `apps/mnist`).
 *
 * @example
 * ```ts
 * console.log(MNIST_WEIGHTS_PATH.endsWith('apps/mnist/weights/mnist-mlp.safetensors')); // true
 * ```
 */
export const MNIST_WEIGHTS_PATH = `${REPOSITORY_ROOT}/apps/mnist/weights/mnist-mlp.safetensors`;

/**
 * The compiled child-process entry that measures one case.
 *
 * @example
 * ```ts
 * console.log(MEASURE_CASE_SCRIPT.endsWith('dist/suite/measure-case.js')); // true
 * ```
 */
export const MEASURE_CASE_SCRIPT = `${BENCH_PACKAGE_DIR}/dist/suite/measure-case.js`;

/**
 * The compiled child-process entry that times the int8 and float32 forms of one shape in turns.
 *
 * @example
 * ```ts
 * console.log(MEASURE_PAIR_SCRIPT.endsWith('dist/suite/measure-pair.js')); // true
 * ```
 */
export const MEASURE_PAIR_SCRIPT = `${BENCH_PACKAGE_DIR}/dist/suite/measure-pair.js`;
