import { Tensor, type Backend, type DenseBias, type QTensor } from '@qaxon/tensor';
import { denseF32 } from './impl/dense-f32.js';
import { quantizedDenseS8 } from './impl/quantized-dense-s8.js';
import { validateDenseInputs } from './validate-dense-inputs.js';

/**
 * The type of {@link referenceBackend}: a `Backend` whose kernels return a
 * `Tensor` synchronously (never a promise).
 *
 * @example
 * ```ts
 * import { ones } from '@qaxon/tensor';
 * import { referenceBackend, type ReferenceBackend } from '@qaxon/kernel-reference';
 * const backend: ReferenceBackend = referenceBackend;
 * const y = backend.dense(ones([1, 2]), ones([2, 3])); // a Tensor, no await needed
 * ```
 */
export interface ReferenceBackend extends Backend {
  readonly name: 'reference';
  dense(x: Tensor<'f32'>, kernel: Tensor<'f32'>, bias?: DenseBias): Tensor<'f32'>;
  quantizedDense(x: Tensor<'f32'>, kernel: QTensor, bias?: DenseBias): Tensor<'f32'>;
}

/**
 * The reference backend, qaxon's oracle: plain loops, float64 accumulation and exactly the
 * float32 roundings of Axon 0.8.1 on Nx's BinaryBackend (the dot, then the scale, then the
 * bias), so every result is bit-identical to Axon's. Every other backend is judged against it by
 * `@qaxon/kernel-reference/conformance`. It returns synchronously and holds no memory.
 *
 * - `dense(x, kernel, bias?)`: `x` f32 `[..., in]`, `kernel` f32 `[in, units]` -> `[..., units]`,
 *   `y = f32(f32(Σ_k x[m][k] * kernel[k][n]) + bias[n])`.
 * - `quantizedDense(x, qkernel, bias?)`:
 *   `y[m][n] = f32(f32(scale[n] * f32(Σ_k x[m][k] * (value[k][n] - zeroPoint[n]))) + bias[n])`,
 *   reading the int8 values directly (no float copy of the kernel).
 *
 * `bias` is an f32 tensor `[units]`, a finite number, or absent; invalid inputs throw the
 * errors of {@link validateDenseInputs}.
 *
 * @example
 * ```ts
 * import { QTensor, tensor } from '@qaxon/tensor';
 * import { referenceBackend } from '@qaxon/kernel-reference';
 * const q = new QTensor(tensor([[1, -2], [3, 4]], { dtype: 's8' }), tensor([0.5, 0.25]));
 * const y = referenceBackend.quantizedDense(tensor([[1, 2]]), q, tensor([1, -1]));
 * console.log(y.toArray()); // [[4.5, 0.5]]
 * ```
 */
export const referenceBackend: ReferenceBackend = Object.freeze({
  name: 'reference' as const,

  dense(x: Tensor<'f32'>, kernel: Tensor<'f32'>, bias?: DenseBias): Tensor<'f32'> {
    const { rows, inner, units, outputShape } = validateDenseInputs('dense', x, kernel, bias);
    const out = denseF32(x.data, rows, inner, kernel.data, units, biasData(bias));
    return new Tensor(out, outputShape, 'f32');
  },

  quantizedDense(x: Tensor<'f32'>, kernel: QTensor, bias?: DenseBias): Tensor<'f32'> {
    const { rows, inner, units, outputShape } = validateDenseInputs('quantizedDense', x, kernel, bias);
    const out = quantizedDenseS8(
      x.data,
      rows,
      inner,
      kernel.value.data,
      kernel.scale.data,
      kernel.zeroPoint.data,
      units,
      biasData(bias),
    );
    return new Tensor(out, outputShape, 'f32');
  },
});

function biasData(bias: DenseBias): Float32Array | number | undefined {
  return bias instanceof Tensor ? bias.data : bias;
}
