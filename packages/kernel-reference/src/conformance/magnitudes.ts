import { Tensor, type DenseBias, type KernelName, type QTensor } from '@qaxon/tensor';
import { validateDenseInputs } from '../validate-dense-inputs.js';

/**
 * The magnitude each output's tolerance scales with:
 * `M[m][n] = Σ_k |x[m][k] * w[k][n]| + |bias[n]|`, in float64, row-major `[rows, units]`.
 * For a QTensor kernel `w[k][n] = (value[k][n] - zeroPoint[n]) * scale[n]` exactly (in
 * float64, reading the int8 values; no float copy of the kernel is built).
 *
 * @example
 * ```ts
 * import { tensor } from '@qaxon/tensor';
 * import { accumulationMagnitudes } from '@qaxon/kernel-reference/conformance';
 * const m = accumulationMagnitudes('dense', tensor([[1, -2]]), tensor([[3], [4]]), -1);
 * console.log([...m]); // [12]  (|1*3| + |-2*4| + |-1|)
 * ```
 */
export function accumulationMagnitudes(kernelName: KernelName, x: Tensor<'f32'>, kernel: Tensor<'f32'> | QTensor, bias: DenseBias): Float64Array {
  const { rows, inner, units } = validateDenseInputs(kernelName, x, kernel, bias);
  const magnitudes = new Float64Array(rows * units);
  const weights = kernel instanceof Tensor ? kernel.data : kernel.value.data;
  const scales = kernel instanceof Tensor ? undefined : kernel.scale.data;
  const zeroPoints = kernel instanceof Tensor ? undefined : kernel.zeroPoint.data;
  const sums = new Float64Array(units);
  for (let m = 0; m < rows; m++) {
    sums.fill(0);
    for (let k = 0; k < inner; k++) {
      const xMagnitude = Math.abs(x.data[m * inner + k]!);
      for (let n = 0; n < units; n++) {
        sums[n] += xMagnitude * Math.abs(weights[k * units + n]! - (zeroPoints?.[n] ?? 0));
      }
    }
    for (let n = 0; n < units; n++) {
      const biasValue = bias === undefined ? 0 : typeof bias === 'number' ? bias : bias.data[n]!;
      magnitudes[m * units + n] = sums[n]! * Math.abs(scales?.[n] ?? 1) + Math.abs(biasValue);
    }
  }
  return magnitudes;
}
