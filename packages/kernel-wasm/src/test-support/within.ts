import type { OpPrecision, Tensor } from '@qaxon/tensor';

/**
 * The first index where `actual` is not within `absolute + relative · (n + 2) · |expected|`
 * of `expected` (NaN must meet NaN, an infinity the same infinity), as a message; undefined
 * when all agree. The conformance suite's rule with the elementwise magnitude `|y|`.
 */
export function firstOutsideTolerance(actual: Tensor, expected: Tensor, precision: OpPrecision, n = 0): string | undefined {
  const a = actual.data as Float32Array;
  const e = expected.data as Float32Array;
  if (a.length !== e.length) return `expected ${e.length} outputs, got ${a.length}`;
  for (let i = 0; i < e.length; i++) {
    const want = e[i]!;
    const got = a[i]!;
    if (Number.isNaN(want) ? Number.isNaN(got) : !Number.isFinite(want) ? got === want : Math.abs(got - want) <= precision.absolute + precision.relative * (n + 2) * Math.abs(want)) continue;
    return `output ${i} is ${got}, the reference gives ${want}`;
  }
  return undefined;
}
