import type { OpPrecision } from '@qaxon/tensor';

/**
 * The precision each SIMD kernel of this backend declares (`backend.precision`), in the
 * conformance suite's terms: an output may differ from the reference's (float64, rounded
 * once) by `absolute + relative · (n + 2) · magnitude`, `n` the op's reduction length and
 * `magnitude` what the suite sizes for the op (`|y|` for elementwise ops and for
 * `attention`). Ops absent here are bit-identical to the reference.
 *
 * @example
 * ```text
 * const backend = { ..., precision: WASM_PRECISION };
 * ```
 */
export const WASM_PRECISION = Object.freeze({
  /** Float32 products and sums (no fused multiply-add), sequential in k, then scale and bias. */
  dense: float32Sums(),
  quantizedDense: float32Sums(),
  /**
   * Float32 dot products (4 lanes, then the lanes added), a float32 exp within 2 ulp,
   * float32 sums of the weights and of the weighted values. The error is about 2^-23 of
   * the largest |score| plus 2^-23 of Σ_j p_j |v_j| — an absolute error that the suite's
   * `|y|`-relative magnitude cannot express where the weighted values cancel — so it is
   * declared as 2^-18 absolute (about 8x the worst seen on unit-scale activations,
   * scores up to 40) plus 2^-20 relative.
   */
  attention: Object.freeze({ relative: 2 ** -20, absolute: 2 ** -18 }),
  /** Float64 sums in another order than the reference's, each output rounded once: at most one f32 rounding step from its bits (n ≥ 1). */
  layerNorm: Object.freeze({ relative: 2 ** -24, absolute: 0 }),
  rmsNorm: Object.freeze({ relative: 2 ** -24, absolute: 0 }),
} satisfies Record<string, OpPrecision>);

function float32Sums(): OpPrecision {
  return Object.freeze({ relative: 2 ** -23, absolute: 2 ** -126 });
}
