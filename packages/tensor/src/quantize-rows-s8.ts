import { ShapeError, ValueError } from './errors.js';

/** Rows whose largest |x| is below this quantize to zeros (127 / absMax would overflow f32). */
export const DYNAMIC_ROW_FLOOR = 2 ** -64;

/** f32 round half to even of a float32 value (WebAssembly's `f32.nearest`). */
function roundEven(value: number): number {
  const rounded = Math.round(value);
  return rounded - value === 0.5 && rounded % 2 !== 0 ? rounded - 1 : rounded;
}

/**
 * Symmetric int8 quantization of each row of `x`: the activations of the op
 * `dynamicQuantizedDense` (W8A8), exactly as every backend quantizes them:
 * `absMax = max |x[k]|`, `inverse = f32(127 / absMax)`,
 * `xq[k] = clamp(roundEven(f32(x[k] · inverse)), -127, 127)` and `rowScale = f32(absMax / 127)`.
 * A row holding NaN or ±Infinity gets `rowScale = NaN` and zeros; a row with
 * `absMax < 2^-64` ({@link DYNAMIC_ROW_FLOOR}) gets `rowScale = 0` and zeros.
 *
 * @param x - row-major `[rows, inner]` inputs.
 * @param rows - number of rows.
 * @param inner - values per row.
 * @returns the int8 rows `[rows, inner]` and one scale per row.
 *
 * @example
 * ```ts
 * import { quantizeRowsS8 } from '@qaxon/tensor';
 * const { values, rowScales } = quantizeRowsS8(new Float32Array([1, -0.5]), 1, 2);
 * console.log([...values], rowScales[0]); // [127, -64] 0.007874015718698502
 * ```
 */
export function quantizeRowsS8(x: Float32Array, rows: number, inner: number): { values: Int8Array; rowScales: Float32Array } {
  for (const [name, size] of [['rows', rows], ['inner', inner]] as const) {
    if (!Number.isSafeInteger(size) || size < 0) throw new ValueError(`quantizeRowsS8: expected ${name} to be a non-negative integer, got ${size}`);
  }
  if (x.length !== rows * inner) throw new ShapeError(`quantizeRowsS8: expected x to hold rows · inner = ${rows * inner} elements, got ${x.length}`);
  const values = new Int8Array(rows * inner);
  const rowScales = new Float32Array(rows);
  for (let m = 0; m < rows; m++) {
    let absMax = 0;
    let finite = true;
    for (let k = 0; k < inner; k++) {
      const value = x[m * inner + k]!;
      if (!Number.isFinite(value)) finite = false;
      else if (Math.abs(value) > absMax) absMax = Math.abs(value);
    }
    if (!finite) {
      rowScales[m] = Number.NaN;
      continue;
    }
    if (absMax < DYNAMIC_ROW_FLOOR) continue;
    const inverse = Math.fround(127 / absMax);
    rowScales[m] = absMax / 127;
    for (let k = 0; k < inner; k++) {
      const q = roundEven(Math.fround(x[m * inner + k]! * inverse));
      values[m * inner + k] = Math.max(-127, Math.min(127, q));
    }
  }
  return { values, rowScales };
}
