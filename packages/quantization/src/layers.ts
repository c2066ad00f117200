import { referenceBackend } from '@qaxon/kernel-reference';
import { QTensor, Tensor, ValueError, describeValue, full, inferOpOutput, type Handle } from '@qaxon/tensor';

/**
 * The bias {@link layers}.weightOnlyQuantizedDense takes: an f32 tensor `[units]`, a
 * number added to every output (rounded to float32 first, as Nx does), or nothing.
 *
 * @example
 * ```ts
 * import type { QuantizedDenseBias } from '@qaxon/quantization';
 * const bias: QuantizedDenseBias = 0.5;
 * ```
 */
export type QuantizedDenseBias = Tensor<'f32'> | number | undefined;

function biasTensor(bias: unknown, units: number, where: string): Tensor | undefined {
  if (bias === undefined) return undefined;
  if (bias instanceof Tensor) return bias;
  if (typeof bias === 'number') {
    if (!Number.isFinite(bias)) throw new ValueError(`${where}: expected bias to be a finite number, got ${bias}`);
    return full([units], bias);
  }
  throw new ValueError(`${where}: expected bias to be an f32 tensor [${units}], a finite number, or undefined, got ${describeValue(bias)}`);
}

/**
 * The raw quantized op (Axon's `Axon.Quantization.Layers.weight_only_quantized_dense/3`),
 * the `quantizedDense` op of the reference backend, run synchronously on host tensors:
 * `y[..., n] = scale[n] * Σ_k x[..., k] * value[k][n] + bias[n]`.
 *
 * - `input`: f32 of any rank >= 1, last axis `in` (leading axes are flattened and restored);
 * - `kernel`: a {@link QTensor} `[in, units]`;
 * - `bias`: an f32 tensor `[units]`, a number added to every output, or absent (0).
 *
 * Anything else (a float kernel, a bias of the wrong length or kind, NaN) is a clear error
 * (the op's own checks, `inferOpOutput`).
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
  weightOnlyQuantizedDense(input: Tensor<'f32'>, kernel: QTensor, bias?: QuantizedDenseBias): Tensor<'f32'> {
    const where = 'weightOnlyQuantizedDense';
    if (!(input instanceof Tensor)) throw new ValueError(`${where}: expected input to be an f32 Tensor [..., in], got ${describeValue(input)}`);
    if (!(kernel instanceof QTensor)) {
      throw new ValueError(`${where}: expected the kernel to be a QTensor [in, units] (quantize it with QTensor.fromTensor), got ${describeValue(kernel)}`);
    }
    const quantizedDense = referenceBackend.kernels.quantizedDense;
    if (quantizedDense === undefined) throw new ValueError(`${where}: the reference backend has no quantizedDense kernel`);
    const handles: Handle[] = [];
    const upload = (value: Tensor | QTensor): Handle => {
      const handle = referenceBackend.upload(value);
      handles.push(handle);
      return handle;
    };
    try {
      const b = biasTensor(bias, kernel.shape[1]!, where);
      const inputs = { x: upload(input), kernel: upload(kernel), ...(b === undefined ? {} : { bias: upload(b) }) };
      inferOpOutput('quantizedDense', inputs, {});
      const output = quantizedDense(inputs, {});
      if (output instanceof Promise) throw new ValueError(`${where}: the reference quantizedDense kernel answered asynchronously`);
      handles.push(output);
      return referenceBackend.download(output) as Tensor<'f32'>;
    } finally {
      for (const handle of handles) referenceBackend.release(handle);
    }
  },
});
