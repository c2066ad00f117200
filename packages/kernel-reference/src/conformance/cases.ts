import type { KernelName } from '@qaxon/tensor';

/**
 * How a conformance case fills its inputs (see {@link CONFORMANCE_CASES}):
 *
 * - `random`: `x` and the float weights standard normal; the QTensor is `QTensor.fromTensor(weights)`;
 * - `zero-columns`: like `random` with every fourth kernel column all zero (scale `2^-23`);
 * - `epsilon-scales`: `QTensor.fromTensor` of an all-zero kernel (every scale `2^-23`, every value 0);
 * - `epsilon-scales-random-values`: a hand-built QTensor with random int8 values and every scale `2^-23`;
 * - `int8-extremes`: a hand-built QTensor whose values are only -128 and 127;
 * - `large-magnitude`: `x` of magnitude up to about 1e4, with exact ±1e4 entries;
 * - `mixed-scales`: column magnitudes spanning 1e-6 to 1e3;
 * - `cancelling`: the second half of `x` is minus the first and the kernel's rows repeat, so
 *   every exact result is 0 (plus bias) and float32 sums cancel catastrophically;
 * - `spikes`: `x` small (about 1e-3) except at `k = 0`, `K / 2` and the last `K mod 16 + 1`
 *   positions, so each spike is a large share of the magnitude the tolerance scales with and a
 *   dropped, duplicated or misplaced term (a lost tile remainder) shows even at K = 8192;
 * - `nonzero-zero-points`: a hand-built QTensor with zero points in [-20, 20] (`quantizedDense` only).
 *
 * For `dense` the kernel is the float weights (or, for hand-built QTensors, their exact
 * dequantization), so both kernels see the same numbers.
 *
 * @example
 * ```ts
 * import type { ConformanceInputs } from '@qaxon/kernel-reference/conformance';
 * const inputs: ConformanceInputs = 'int8-extremes';
 * ```
 */
export type ConformanceInputs =
  | 'random'
  | 'zero-columns'
  | 'epsilon-scales'
  | 'epsilon-scales-random-values'
  | 'int8-extremes'
  | 'large-magnitude'
  | 'mixed-scales'
  | 'cancelling'
  | 'spikes'
  | 'nonzero-zero-points';

/**
 * An invalid input a backend must refuse by throwing (or rejecting with) the named error
 * class, as `validateDenseInputs` from `@qaxon/kernel-reference` does.
 *
 * @example
 * ```ts
 * import type { ConformanceInvalidInput } from '@qaxon/kernel-reference/conformance';
 * const invalid: ConformanceInvalidInput = 'k-mismatch';
 * ```
 */
export type ConformanceInvalidInput =
  | 'k-mismatch'
  | 'bias-length'
  | 'bias-dtype'
  | 'string-bias'
  | 'nan-bias'
  | 'x-dtype'
  | 'x-not-a-tensor'
  | 'rank-0-x'
  | 'kernel-of-the-other-kind'
  | 'kernel-not-a-tensor'
  | 'kernel-rank';

/**
 * One conformance case: a kernel, its sizes and bias form. `batch` is the number of rows
 * after flattening the leading axes (`x` has shape `[inner]` for rank 1, `[batch, inner]`
 * for rank 2, `[2, batch / 2, inner]` for rank 3 with an even batch, `[batch, 1, inner]`
 * otherwise). A `supports` callback reads these fields to skip what a backend cannot do.
 *
 * `inputs` (default `'random'`) says how values are generated; a case with `invalid` is an
 * error case, passing when the backend throws or rejects with the expected error class.
 *
 * @example
 * ```ts
 * import type { ConformanceCase } from '@qaxon/kernel-reference/conformance';
 * const testCase: ConformanceCase = {
 *   kernel: 'quantizedDense', name: 'K 17: batch 2, units 3, rank 2, bias tensor',
 *   batch: 2, inner: 17, units: 3, rank: 2, bias: 'tensor',
 * };
 * ```
 */
export interface ConformanceCase {
  /** The kernel under test. */
  kernel: 'dense' | 'quantizedDense';
  /** Unique (per kernel) readable title, used as the `it()` name. */
  name: string;
  /** Rows after flattening the leading axes of `x` (`M`). */
  batch: number;
  /** The reduced axis (`K`). */
  inner: number;
  /** Output channels (`N`). */
  units: number;
  /** Rank of `x` (1, 2 or 3; 0 only for the `rank-0-x` error case). */
  rank: number;
  /** The bias form passed. */
  bias: 'tensor' | 'number' | 'none';
  /** How values are generated (default `'random'`). */
  inputs?: ConformanceInputs;
  /** Present on error cases: the invalid input the backend must refuse. */
  invalid?: ConformanceInvalidInput;
}

const BIAS_FORMS = ['tensor', 'number', 'none'] as const;

/**
 * The lengths of the reduced axis swept by the suite (with batch 2 and 3 units): around
 * every multiple of 4 and 16 a vectorized or tiled kernel might assume, up to 8192.
 */
const K_SWEEP = [1, 2, 3, 4, 5, 7, 8, 15, 16, 17, 31, 33, 63, 64, 65, 127, 255, 257, 1000, 1024, 2047, 4096, 8192];

const INVALID: readonly { invalid: ConformanceInvalidInput; title: string; bias: ConformanceCase['bias']; rank: number }[] = [
  { invalid: 'k-mismatch', title: 'refuses x whose last axis differs from the kernel K (ShapeError)', bias: 'none', rank: 2 },
  { invalid: 'bias-length', title: 'refuses a bias tensor whose length is not units (ShapeError)', bias: 'tensor', rank: 2 },
  { invalid: 'bias-dtype', title: "refuses an s32 bias tensor (DTypeError)", bias: 'tensor', rank: 2 },
  { invalid: 'string-bias', title: 'refuses a string bias (ValueError)', bias: 'number', rank: 2 },
  { invalid: 'nan-bias', title: 'refuses a NaN bias (ValueError)', bias: 'number', rank: 2 },
  { invalid: 'x-dtype', title: 'refuses an s8 x (DTypeError)', bias: 'none', rank: 2 },
  { invalid: 'x-not-a-tensor', title: 'refuses an x that is a plain array (ValueError)', bias: 'none', rank: 2 },
  { invalid: 'rank-0-x', title: 'refuses a rank-0 x (ShapeError)', bias: 'none', rank: 0 },
  { invalid: 'kernel-of-the-other-kind', title: 'refuses a kernel of the other kind (ValueError)', bias: 'none', rank: 2 },
  { invalid: 'kernel-not-a-tensor', title: 'refuses a kernel that is a plain array (ValueError)', bias: 'none', rank: 2 },
];

function describeSizes(batch: number, inner: number, units: number, rank: number, bias: string): string {
  return `batch ${batch}, K ${inner}, units ${units}, rank ${rank}, bias ${bias}`;
}

function casesFor(kernel: KernelName): ConformanceCase[] {
  const cases: ConformanceCase[] = [];
  const add = (
    label: string,
    batch: number,
    inner: number,
    units: number,
    rank: number,
    bias: ConformanceCase['bias'],
    inputs: ConformanceInputs = 'random',
  ): void => {
    cases.push({ kernel, name: `${label}: ${describeSizes(batch, inner, units, rank, bias)}`, batch, inner, units, rank, bias, inputs });
  };

  // Shapes, with every bias form on the smallest ones.
  for (const bias of BIAS_FORMS) add('1x1', 1, 1, 1, 2, bias);
  for (const bias of BIAS_FORMS) add('small', 4, 5, 3, 2, bias);
  add('rank 1', 1, 9, 4, 1, 'number');
  add('rank 1', 1, 40, 13, 1, 'tensor');
  add('rank 3', 6, 12, 5, 3, 'tensor');
  add('rank 3', 64, 19, 7, 3, 'none');
  add('K not a multiple of 4', 3, 7, 5, 2, 'tensor');
  add('K not a multiple of 16', 2, 23, 6, 2, 'number');
  add('units not a multiple of 4', 2, 16, 13, 2, 'none');
  add('units not a multiple of 4', 5, 9, 1, 2, 'tensor');
  add('batch 64', 64, 33, 10, 2, 'tensor');
  add('batch 64', 64, 256, 64, 2, 'number');
  add('batch 64', 64, 100, 3, 2, 'none');

  // K from 1 to 8192: the tolerance grows with K, so a wrong reduction shows at every K.
  K_SWEEP.forEach((inner, i) => add('K sweep', 2, inner, 3, 2, BIAS_FORMS[i % 3]!));

  // Adversarial values.
  add('all-zero columns', 4, 37, 9, 2, 'tensor', 'zero-columns');
  add('all-zero columns', 3, 8, 4, 2, 'none', 'zero-columns');
  add('epsilon scales (all-zero kernel)', 4, 37, 9, 2, 'tensor', 'epsilon-scales');
  add('epsilon scales (all-zero kernel)', 2, 5, 3, 2, 'none', 'epsilon-scales');
  add('epsilon scales, random int8 values', 4, 37, 9, 2, 'number', 'epsilon-scales-random-values');
  add('int8 values -128 and 127', 4, 37, 9, 2, 'tensor', 'int8-extremes');
  add('int8 values -128 and 127', 2, 1024, 5, 2, 'none', 'int8-extremes');
  add('large-magnitude inputs (1e4)', 4, 300, 9, 2, 'number', 'large-magnitude');
  add('large-magnitude inputs (1e4)', 2, 4096, 3, 2, 'tensor', 'large-magnitude');
  add('mixed column scales (1e-6 to 1e3)', 4, 64, 10, 2, 'tensor', 'mixed-scales');
  add('cancelling terms', 4, 40, 6, 2, 'tensor', 'cancelling');
  add('cancelling terms', 2, 2048, 3, 2, 'none', 'cancelling');
  [1000, 2047, 4096, 8192].forEach((inner, i) => add('spikes in x', 2, inner, 3, 2, BIAS_FORMS[i % 3]!, 'spikes'));
  if (kernel === 'quantizedDense') {
    add('nonzero zero points', 4, 37, 9, 2, 'tensor', 'nonzero-zero-points');
    add('nonzero zero points', 2, 300, 5, 3, 'none', 'nonzero-zero-points');
  }

  // Invalid inputs: a backend must throw or reject.
  for (const { invalid, title, bias, rank } of INVALID) {
    cases.push({ kernel, name: `error: ${title}`, batch: 2, inner: 4, units: 10, rank, bias, invalid });
  }
  if (kernel === 'dense') {
    cases.push({
      kernel,
      name: 'error: refuses a kernel of rank 3 (ShapeError)',
      batch: 2,
      inner: 4,
      units: 10,
      rank: 2,
      bias: 'none',
      invalid: 'kernel-rank',
    });
  }
  return cases;
}

/**
 * Every case of the conformance suite, `dense` first, then `quantizedDense`: shapes from
 * 1x1 to batch 64 x K 256 x units 64, ranks 1 to 3, every bias form, a sweep of K from 1
 * to 8192 (with batch 2 and 3 units, so the suite stays fast), adversarial values (see
 * {@link ConformanceInputs}) and invalid inputs (see {@link ConformanceInvalidInput}).
 * Names are unique per kernel.
 *
 * @example
 * ```ts
 * import { CONFORMANCE_CASES } from '@qaxon/kernel-reference/conformance';
 * const largest = Math.max(...CONFORMANCE_CASES.map((c) => c.inner)); // 8192
 * ```
 */
export const CONFORMANCE_CASES: readonly Readonly<ConformanceCase>[] = Object.freeze(
  [...casesFor('dense'), ...casesFor('quantizedDense')].map((testCase) => Object.freeze(testCase)),
);
