/**
 * The error function as the reference backend computes it (Numerical Recipes' `erfcc`:
 * `erfc(z) = t · exp(-z² + P(t))`, `t = 1 / (1 + z/2)`), so that `gelu` here is
 * bit-identical to the reference's. A copy rather than an import: fast backends load
 * nothing from the oracle package at run time; the conformance suite holds the two equal.
 *
 * @example
 * ```text
 * erf(1).toFixed(6); // "0.842701"
 * ```
 */
export function erf(x: number): number {
  if (Number.isNaN(x)) return x;
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const polynomial =
    -1.26551223 +
    t *
      (1.00002368 +
        t *
          (0.37409196 +
            t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
  const erfc = t * Math.exp(-z * z + polynomial);
  return x >= 0 ? 1 - erfc : erfc - 1;
}
