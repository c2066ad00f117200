import { resolveInitializer, type InitializerFn, type InitializerSpec } from '@qaxon/graph';
import { QTensor, Tensor, describeValue } from '@qaxon/tensor';
import { QuantizationError } from './errors.js';

/**
 * Wraps a float kernel initializer (a name such as `'glorotUniform'` or a function) so
 * that it initializes the kernel in float32 and returns it quantized with
 * {@link QTensor.fromTensor} — what Axon's `weight_only_quantized_dense` does at `init`.
 * An initializer that already returns a QTensor is passed through unchanged.
 *
 * @example
 * ```ts
 * import { quantizedKernelInitializer } from '@qaxon/quantization';
 * const init = quantizedKernelInitializer('glorotUniform');
 * const q = init([784, 10], 'f32', 42); // a QTensor [784, 10]
 * ```
 */
export function quantizedKernelInitializer(
  spec: InitializerSpec,
  where = 'weightOnlyQuantizedDense kernel',
  layout: { type?: 's8' | 's4'; groupSize?: number } = {},
): InitializerFn {
  const floatInitializer = resolveInitializer(spec, where);
  return (shape, dtype, key) => {
    const weights = floatInitializer(shape, dtype, key);
    if (weights instanceof QTensor) return weights;
    if (!(weights instanceof Tensor)) {
      throw new QuantizationError(`${where}: expected the kernel initializer to return a Tensor, got ${describeValue(weights)}`);
    }
    return QTensor.fromTensor(weights, { ...layout, name: where });
  };
}
