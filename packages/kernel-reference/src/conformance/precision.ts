import { ValueError, describeValue } from '@qaxon/tensor';

/**
 * The precision a backend declares for the conformance suite. An output `y[m][n]` passes
 * when
 *
 * ```text
 * |y[m][n] - y_ref[m][n]| <= absolute + relative * (K + 2) * M[m][n]
 * M[m][n] = Σ_k |x[m][k] * w[k][n]| + |bias[n]|
 * ```
 *
 * where `K` is the reduced axis, `y_ref` the reference backend's output and `w` the float
 * kernel (for `quantizedDense`, the dequantized weight `(value[k][n] - zeroPoint[n]) * scale[n]`,
 * computed exactly in float64; it is never materialized by the backend under test).
 *
 * Why `(K + 2) * M`: a dot product of length `K` computed in a floating-point format with
 * unit roundoff `u`, summed in ANY order (sequential, tiled, pairwise, split over threads),
 * has error at most `γ_K * Σ_k |x[k] * w[k]|` with `γ_K = K u / (1 - K u)` (Higham,
 * *Accuracy and Stability of Numerical Algorithms*, §3.1). Applying the scale and adding the
 * bias are two more roundings (`γ_{K+2}` over `M`), and the reference's own final rounding
 * to float32 adds `u * |y| <= u * M`. With `relative` set to float32 machine epsilon
 * `2^-23 = 2u`, `relative * (K + 2) * M` bounds all of that for every `K` up to millions,
 * so the bound is sound (never fails a correct float32 backend) while still catching an
 * error of a few hundred ULPs on small `K` and any wrong scale, bias or index at every `K`.
 * The growth is linear in `K` because that is the worst case; typical errors grow like
 * `sqrt(K)`.
 *
 * `absolute` covers what the relative part cannot: flush-to-zero of subnormals on GPUs,
 * or a backend that stores inputs in a narrower format. Both fields must be finite and >= 0.
 *
 * @example
 * ```ts
 * import type { ConformancePrecision } from '@qaxon/kernel-reference/conformance';
 * // A backend that accumulates in float32 (WebGL2 highp, WebGPU f32, WASM f32x4):
 * const precision: ConformancePrecision = { relative: 2 ** -23, absolute: 1e-30 };
 * ```
 */
export interface ConformancePrecision {
  /** The per-operation relative error of the backend's arithmetic (float32: `2 ** -23`). */
  relative: number;
  /** An error allowed on every output regardless of magnitude. */
  absolute: number;
}

/**
 * The precision of a backend that computes in IEEE float32 with round-to-nearest, in any
 * summation order: `relative` is float32 machine epsilon `2^-23`, `absolute` the smallest
 * normal float32 `2^-126` (so flushing subnormal results to zero passes).
 *
 * @example
 * ```ts
 * import { FLOAT32_ACCUMULATION } from '@qaxon/kernel-reference/conformance';
 * console.log(FLOAT32_ACCUMULATION.relative === 2 ** -23); // true
 * ```
 */
export const FLOAT32_ACCUMULATION: Readonly<ConformancePrecision> = Object.freeze({ relative: 2 ** -23, absolute: 2 ** -126 });

/**
 * The tolerance of one output: `absolute + relative * (inner + 2) * magnitude`, with
 * `magnitude = Σ_k |x[k] * w[k][n]| + |bias[n]|` (see {@link ConformancePrecision}).
 *
 * @example
 * ```ts
 * import { conformanceTolerance } from '@qaxon/kernel-reference/conformance';
 * const tolerance = conformanceTolerance({ relative: 2 ** -23, absolute: 0 }, 1024, 3.5);
 * // 2^-23 * 1026 * 3.5, about 4.3e-4
 * ```
 */
export function conformanceTolerance(precision: ConformancePrecision, inner: number, magnitude: number): number {
  return precision.absolute + precision.relative * (inner + 2) * magnitude;
}

/**
 * Throws a `ValueError` unless both fields of a precision are finite numbers >= 0.
 *
 * @example
 * ```ts
 * import { checkConformancePrecision } from '@qaxon/kernel-reference/conformance';
 * checkConformancePrecision({ relative: 2 ** -23, absolute: 0 }, 'gpu.js'); // ok
 * ```
 */
export function checkConformancePrecision(precision: ConformancePrecision, where: string): void {
  for (const field of ['relative', 'absolute'] as const) {
    const value: unknown = precision?.[field];
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
      throw new ValueError(`${where}: expected precision.${field} to be a finite number >= 0, got ${describeValue(value)}`);
    }
  }
}
