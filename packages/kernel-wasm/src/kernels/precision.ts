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
  /** Float32 products and sums in ascending k, one f32 accumulator per output. */
  matMul: float32Sums(),
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
  /** The f32 SIMD exp: within 2 ulp (1 seen); subnormal results may flush (2^-126 absolute). */
  exp: within(2 ** -22, 2 ** -126),
  /** exp, one add and one divide (and a multiply for silu): within 4 ulp (2 seen). */
  sigmoid: within(2 ** -22, 2 ** -126),
  silu: within(2 ** -22, 2 ** -126),
  /** A Taylor series below 0.35, else 1 - 2/(e^2x + 1): within 4 ulp (1.5 seen). */
  tanh: within(2 ** -22, 2 ** -126),
  /**
   * The reference's erfc approximation in f32 with an exactly split z²: within 8 ulp (4
   * seen). The absolute 2^-46 is the reference's own error for x < 0: it forms 1 + erf in
   * float64, which keeps erfc only to 2^-53, so near-zero outputs differ by up to |x|·2^-54.
   */
  gelu: within(2 ** -21, 2 ** -46),
  /**
   * x · sigmoid(2u) for x/2 · (1 + tanh u): u's f32 rounding enters the exponent, a relative
   * error up to about |u|·2^-23 (24 ulp seen at u = -11), and the reference's 1 + tanh u in
   * float64 loses digits below 2^-53 for x < 0.
   */
  geluTanh: within(2 ** -18, 2 ** -46),
  /**
   * Along the last axis, f32 SIMD: e^(x - max) within 2 ulp (the difference's rounding
   * recovered), an f32 sum of the row and one divide (or one log and two subtractions):
   * the sum's error grows with the row's length n, which the suite's (n + 2) factor holds.
   * Along other axes: the reference's float64 loop, bit-identical.
   */
  softmax: within(2 ** -22, 2 ** -126),
  logSoftmax: within(2 ** -22, 2 ** -126),
} satisfies Record<string, OpPrecision>);

function within(relative: number, absolute: number): OpPrecision {
  return Object.freeze({ relative, absolute });
}

function float32Sums(): OpPrecision {
  return Object.freeze({ relative: 2 ** -23, absolute: 2 ** -126 });
}
