import { formatShape, shapesEqual, stridesOf, type OpPrecision, type Tensor } from '@qaxon/tensor';
import { conformanceTolerance } from './precision.js';
import type { OutputMagnitudes } from './magnitudes.js';

/**
 * Compares a backend's output with the reference's: same shape and dtype; NaN where the
 * reference has NaN, the same infinity where it has one, and elsewhere a finite value
 * within `absolute + relative * (n + 2) * magnitude`. Returns `undefined` when they agree,
 * else a message naming the first bad index, both values, the difference and the
 * tolerance, and how many outputs differ. `stats.worstRatio`, when given, is raised to the
 * largest `|y - y_ref| / tolerance` seen (0 when every output is identical).
 *
 * @example
 * ```ts
 * import { compareOutputs, BIT_IDENTICAL } from '@qaxon/kernel-reference/conformance-runner';
 * import { tensor } from '@qaxon/tensor';
 * const message = compareOutputs(tensor([1, 2]), tensor([1, 2.5]), { n: 0, magnitude: new Float64Array(2) }, BIT_IDENTICAL);
 * console.log(message); // 'output [1] is 2.5, the reference gives 2 ...'
 * ```
 */
export function compareOutputs(expected: Tensor, actual: Tensor, sizes: OutputMagnitudes, precision: OpPrecision, stats?: { worstRatio: number }): string | undefined {
  if (!shapesEqual(expected.shape, actual.shape)) return `the output has shape ${formatShape(actual.shape)}, the reference's ${formatShape(expected.shape)}`;
  if (expected.dtype !== actual.dtype) return `the output has dtype '${actual.dtype}', the reference's '${expected.dtype}'`;
  let bad = 0;
  let first: string | undefined;
  const strides = stridesOf(expected.shape);
  for (let i = 0; i < expected.data.length; i++) {
    const e = expected.data[i]!;
    const a = actual.data[i]!;
    let ok: boolean;
    let tolerance = 0;
    if (Number.isNaN(e)) ok = Number.isNaN(a);
    else if (!Number.isFinite(e)) ok = a === e;
    else {
      tolerance = conformanceTolerance(precision, sizes.n, sizes.magnitude[i]!);
      if (Number.isNaN(tolerance)) tolerance = 0;
      ok = Number.isFinite(a) && Math.abs(a - e) <= tolerance;
      if (stats !== undefined && Number.isFinite(a)) {
        const difference = Math.abs(a - e);
        const ratio = difference === 0 ? 0 : tolerance === 0 ? Infinity : difference / tolerance;
        stats.worstRatio = Math.max(stats.worstRatio, ratio);
      }
    }
    if (!ok) {
      bad++;
      if (first === undefined) {
        const index = strides.map((stride, axis) => Math.floor(i / stride) % expected.shape[axis]!);
        first = `output ${formatShape(index)} is ${a}, the reference gives ${e} (difference ${Math.abs(a - e)}, tolerance ${tolerance} with n = ${sizes.n}, magnitude ${sizes.magnitude[i]})`;
      }
    }
  }
  return first === undefined ? undefined : `${first}; ${bad} of ${expected.data.length} outputs differ`;
}
