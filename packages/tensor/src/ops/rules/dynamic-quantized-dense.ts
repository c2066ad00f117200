import { ShapeError, ValueError } from '../../errors.js';
import { formatShape } from '../../shape.js';
import type { Shape } from '../../shape.js';
import { denseDimensions, type DenseDimensions } from './dense.js';
import type { OpOutput } from './op-output.js';
import { denseActivationOf, type DenseAttrs } from './dense-activation.js';

/**
 * The longest reduction `dynamicQuantizedDense` takes: every int32 sum
 * `Σ_k xq[k] · (q[k][n] - zeroPoint[n])` stays below 2^31 (`|xq| <= 127`, `|q - zeroPoint| <= 255`).
 *
 * @example
 * ```ts
 * import { DYNAMIC_QUANTIZED_DENSE_MAX_INNER } from '@qaxon/tensor';
 * console.log(DYNAMIC_QUANTIZED_DENSE_MAX_INNER); // 66311
 * ```
 */
export const DYNAMIC_QUANTIZED_DENSE_MAX_INNER = Math.floor((2 ** 31 - 1) / (127 * 255));

/**
 * Checks the inputs of a `dynamicQuantizedDense` op (W8A8: int8 activations quantized at
 * run time times int8 weights) and returns their sizes. The inputs are those of
 * `quantizedDense`, with a per-output-channel kernel (no groups; 8 bits, or 4-bit values)
 * and at most {@link DYNAMIC_QUANTIZED_DENSE_MAX_INNER} inputs per row.
 *
 * The contract every backend meets, per row `x` of `[rows, in]` (f32 arithmetic, round to
 * nearest even):
 * - `absMax = max |x[k]|`. A row holding NaN or ±Infinity gives NaN in every output; a row
 *   with `absMax < 2^-64` quantizes to zeros (its outputs are the bias).
 * - `inverse = f32(127 / absMax)`, `rowScale = f32(absMax / 127)`,
 *   `xq[k] = clamp(roundEven(f32(x[k] · inverse)), -127, 127)`.
 * - `acc[n] = Σ_k xq[k] · (q[k][n] - zeroPoint[n])`, exact in int32 (the oracle is bit-exact on it).
 * - `y[n] = f32(f32(f32(f32(acc[n]) · rowScale) · scale[n]) + bias[n])`.
 *
 * @example
 * ```ts
 * import { HostHandle, QTensor, dynamicQuantizedDenseDimensions, ones } from '@qaxon/tensor';
 * const kernel = new HostHandle('reference', QTensor.fromTensor(ones([4, 10])));
 * console.log(dynamicQuantizedDenseDimensions({ x: ones([2, 4]), kernel }).rows); // 2
 * ```
 */
export function dynamicQuantizedDenseDimensions(inputs: Parameters<typeof denseDimensions>[1]): DenseDimensions {
  const op = 'dynamicQuantizedDense';
  const dimensions = denseDimensions(op, inputs);
  const layout = inputs.kernel.quantization;
  if (layout?.groupSize !== undefined) {
    throw new ValueError(
      `${op}: expected a kernel with one scale per output unit, got group-wise scales (groups of ${layout.groupSize}, kernel shape ${formatShape(inputs.kernel.shape)}); use quantizedDense for group-wise weights`,
    );
  }
  if (dimensions.inner > DYNAMIC_QUANTIZED_DENSE_MAX_INNER) {
    throw new ShapeError(
      `${op}: expected at most ${DYNAMIC_QUANTIZED_DENSE_MAX_INNER} inputs per row (int32 sums), got ${dimensions.inner} (x shape ${formatShape(inputs.x.shape)})`,
    );
  }
  return dimensions;
}

/** Output rule of `dynamicQuantizedDense` (`attrs.activation` checked, see `DenseAttrs`). */
export function dynamicQuantizedDenseOutput(inputs: Parameters<typeof denseDimensions>[1], attrs?: DenseAttrs): OpOutput {
  denseActivationOf('dynamicQuantizedDense', attrs);
  return { shape: dynamicQuantizedDenseDimensions(inputs).outputShape as Shape, dtype: 'f32' };
}
