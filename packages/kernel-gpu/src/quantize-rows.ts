/** Rows whose largest |x| is below this quantize to zeros (the contract of `dynamicQuantizedDense`). */
const ROW_FLOOR = 2 ** -64;

/**
 * The rows of `x` quantized as `dynamicQuantizedDense` says (the reference's
 * `quantizeRowsS8`, which this package only has as a dev dependency): per row
 * `absMax = max |x|`, `inverse = f32(127 / absMax)`, values
 * `clamp(roundEven(f32(x · inverse)), ±127)` held as float32 integers, scale
 * `f32(absMax / 127)`; NaN scale and zeros for a non-finite row, 0 below 2^-64.
 *
 * @example
 * ```ts
 * import { quantizeRowsInt8 } from '@qaxon/kernel-gpu/internals';
 * console.log([...quantizeRowsInt8(new Float32Array([1, -0.5]), 1, 2).values]); // [127, -64]
 * ```
 */
export function quantizeRowsInt8(x: Float32Array, rows: number, inner: number): { values: Float32Array; rowScales: Float32Array } {
  const values = new Float32Array(rows * inner);
  const rowScales = new Float32Array(rows);
  for (let m = 0; m < rows; m++) {
    let absMax = 0;
    let finite = true;
    for (let k = 0; k < inner; k++) {
      const value = x[m * inner + k]!;
      if (!Number.isFinite(value)) finite = false;
      else if (Math.abs(value) > absMax) absMax = Math.abs(value);
    }
    if (!finite) rowScales[m] = Number.NaN;
    if (!finite || absMax < ROW_FLOOR) continue;
    const inverse = Math.fround(127 / absMax);
    rowScales[m] = absMax / 127;
    for (let k = 0; k < inner; k++) {
      const scaled = Math.fround(x[m * inner + k]! * inverse);
      let q = Math.round(scaled);
      if (q - scaled === 0.5 && q % 2 !== 0) q -= 1;
      values[m * inner + k] = Math.max(-127, Math.min(127, q));
    }
  }
  return { values, rowScales };
}
