/**
 * The exact arithmetic of Axon's symmetric per-output-channel int8 quantization, in
 * float32 (emulated with `Math.fround` after every operation) so results are bit-identical
 * to Axon's. See `quantization-spec.md` section 2 and {@link QTensor.fromTensor}.
 *
 * @module
 */

/**
 * Float32 machine epsilon, 2^-23: the smallest scale a channel can get.
 *
 * @example
 * ```ts
 * import { FLOAT32_EPSILON } from '@qaxon/tensor';
 * console.log(FLOAT32_EPSILON); // 1.1920928955078125e-7
 * ```
 */
export const FLOAT32_EPSILON = 2 ** -23;

/** (127 - (-128)) / 2: the int8 half range the largest magnitude is divided by. */
const INT8_HALF_RANGE = 127.5;

/**
 * The scale of every output channel (column) of a row-major `[rows, columns]` float32
 * kernel: `f32(max(-min(col, 0), max(col, 0)) / 127.5)`, then clipped as Nx's
 * `clip(scale, FLOAT32_EPSILON, largest scale)` computes it: `min(max(scale, eps), largest)`,
 * the upper bound applied last. So a column below `eps` gets `eps` when some column's scale
 * reaches `eps`, and every column gets the largest scale when all are below `eps`.
 * Where Axon fails (the largest scale is 0: an all-zero kernel, or weights so small that
 * `amax / 127.5` underflows), every scale is `FLOAT32_EPSILON` (qaxon's documented choice).
 *
 * @example
 * ```ts
 * import { perChannelInt8Scales } from '@qaxon/tensor';
 * const scales = perChannelInt8Scales(new Float32Array([-2, 1, 0, -1.5]), 4, 1);
 * console.log(scales[0] === Math.fround(2 / 127.5)); // true
 * ```
 */
export function perChannelInt8Scales(weights: Float32Array, rows: number, columns: number): Float32Array {
  const scales = new Float32Array(columns);
  let largest = 0;
  for (let n = 0; n < columns; n++) {
    let lo = 0;
    let hi = 0;
    for (let k = 0; k < rows; k++) {
      const w = weights[k * columns + n]!;
      if (w < lo) lo = w;
      if (w > hi) hi = w;
    }
    const amax = Math.max(-lo, hi);
    const scale = Math.fround(amax / INT8_HALF_RANGE);
    scales[n] = scale;
    if (scale > largest) largest = scale;
  }
  if (largest === 0) return scales.fill(FLOAT32_EPSILON);
  for (let n = 0; n < columns; n++) {
    const atLeastEps = Math.max(scales[n]!, FLOAT32_EPSILON);
    scales[n] = Math.min(atLeastEps, largest);
  }
  return scales;
}

/**
 * Rounds half away from zero (`2.5 -> 3`, `-2.5 -> -3`), unlike `Math.round`
 * (which rounds `-2.5` to `-2`).
 *
 * @example
 * ```ts
 * import { roundHalfAwayFromZero } from '@qaxon/tensor';
 * console.log(roundHalfAwayFromZero(-2.5)); // -3
 * ```
 */
export function roundHalfAwayFromZero(value: number): number {
  return value < 0 ? -Math.round(-value) : Math.round(value);
}

/**
 * Quantizes a row-major `[rows, columns]` float32 kernel with given per-column scales:
 * `q = clip(roundHalfAwayFromZero(f32(w * f32(1 / scale))) + 0, -128, 127)`. It multiplies
 * by the float32 reciprocal rather than dividing, exactly as Axon does. Two guards where
 * Axon gives no finite result (documented differences): when `f32(1 / scale)` overflows
 * (scales below 2^-128, from all-tiny kernels) it divides `w / scale` instead; and when
 * `-128 * scale` would overflow float32 (scales above FLT_MAX / 128, from weights near
 * ±FLT_MAX) the column's range is `[-127, 127]`, so every value dequantizes to a finite float.
 *
 * @example
 * ```ts
 * import { perChannelInt8Scales, quantizeInt8WithScales } from '@qaxon/tensor';
 * const w = new Float32Array([-2, 1, 0, -1.5]);
 * const q = quantizeInt8WithScales(w, 4, 1, perChannelInt8Scales(w, 4, 1));
 * console.log([...q]); // [-127, 64, 0, -96]
 * ```
 */
export function quantizeInt8WithScales(weights: Float32Array, rows: number, columns: number, scales: Float32Array): Int8Array {
  const inverse = new Float32Array(columns);
  const lowest = new Int8Array(columns);
  for (let n = 0; n < columns; n++) {
    inverse[n] = Math.fround(1 / scales[n]!);
    lowest[n] = Math.fround(-128 * scales[n]!) === -Infinity ? -127 : -128;
  }
  const values = new Int8Array(rows * columns);
  for (let k = 0; k < rows; k++) {
    const row = k * columns;
    for (let n = 0; n < columns; n++) {
      const w = weights[row + n]!;
      const scaled = inverse[n] === Infinity ? w / scales[n]! : Math.fround(w * inverse[n]!);
      const q = roundHalfAwayFromZero(scaled);
      values[row + n] = q < lowest[n]! ? lowest[n]! : q > 127 ? 127 : q;
    }
  }
  return values;
}
