import { referenceBackend } from '@qaxon/kernel-reference';
import type { DenseBias, QTensor, Tensor } from '@qaxon/tensor';

/**
 * The raw quantized op (Axon's `Axon.Quantization.Layers.weight_only_quantized_dense/3`),
 * computed by the reference backend:
 * `y[..., n] = scale[n] * Σ_k x[..., k] * value[k][n] + bias[n]`.
 *
 * - `input`: f32 of any rank >= 1, last axis `in` (leading axes are flattened and restored);
 * - `kernel`: a {@link QTensor} `[in, units]`;
 * - `bias`: an f32 tensor `[units]`, a number added to every output, or absent (0).
 *
 * Anything else (a float kernel, a bias of the wrong length or kind, NaN) is a clear error.
 *
 * @example
 * ```ts
 * import { layers } from '@qaxon/quantization';
 * import { QTensor, ones, tensor } from '@qaxon/tensor';
 * const kernel = QTensor.fromTensor(tensor([[0.5, -1], [0.25, 2]]));
 * const y = layers.weightOnlyQuantizedDense(ones([1, 2]), kernel, 0.5); // ≈ [[1.25, 1.5]]
 * ```
 */
export const layers = Object.freeze({
  /** The weight-only int8 dense op; see {@link layers}. */
  weightOnlyQuantizedDense(input: Tensor<'f32'>, kernel: QTensor, bias?: DenseBias): Tensor<'f32'> {
    return referenceBackend.quantizedDense(input, kernel, bias);
  },
});
