import { denseParameters, layer, type InitializerSpec, type Model } from '@qaxon/graph';
import { describeValue } from '@qaxon/tensor';
import { QuantizationError } from './errors.js';
import { quantizedKernelInitializer } from './quantized-kernel-initializer.js';

/**
 * The op a weight-only quantized dense node runs (resolved against the graph's layer
 * table); its `opName` stays `'dense'`, as in Axon, so `properties(model)` reports it as
 * `dense` and generated names (`dense_0`, ...) do not change when a model is quantized.
 *
 * @example
 * ```ts
 * import { QUANTIZED_DENSE_OP } from '@qaxon/quantization';
 * console.log(QUANTIZED_DENSE_OP); // 'quantizedDense'
 * ```
 */
export const QUANTIZED_DENSE_OP = 'quantizedDense';

/**
 * Options of {@link weightOnlyQuantizedDense} (Axon's `:name`, `:meta`, `:use_bias`,
 * `:kernel_initializer`, `:bias_initializer`).
 *
 * @example
 * ```ts
 * import type { WeightOnlyQuantizedDenseOptions } from '@qaxon/quantization';
 * const options: WeightOnlyQuantizedDenseOptions = { name: 'classifier', useBias: false };
 * ```
 */
export interface WeightOnlyQuantizedDenseOptions {
  /** Layer name; `dense_<n>` when omitted. */
  name?: string;
  /** Free-form metadata kept on the node. */
  meta?: Readonly<Record<string, unknown>>;
  /** Whether the layer adds a bias (default true). */
  useBias?: boolean;
  /** Float kernel initializer, quantized after it runs (default `'glorotUniform'`). */
  kernelInitializer?: InitializerSpec;
  /** Bias initializer (default `'zeros'`). */
  biasInitializer?: InitializerSpec;
}

/**
 * Adds a weight-only quantized dense layer (Axon's
 * `Axon.Quantization.weight_only_quantized_dense/3`): like `dense`, but its kernel is a
 * {@link QTensor} of int8 values with one float scale per output unit. `init` creates the
 * kernel in float32 with `kernelInitializer` and quantizes it; `predict` runs the
 * backend's `quantizedDense` kernel.
 *
 * @example
 * ```ts
 * import { build, input } from '@qaxon/graph';
 * import { weightOnlyQuantizedDense } from '@qaxon/quantization';
 * import { ones, template } from '@qaxon/tensor';
 * const model = weightOnlyQuantizedDense(input('input'), 10);
 * const { init, predict } = build(model);
 * const state = init(template([1, 1]));
 * const y = await predict(state, ones([1, 1])); // [1, 10]
 * ```
 */
export function weightOnlyQuantizedDense(x: Model, units: number, options: WeightOnlyQuantizedDenseOptions = {}): Model {
  const where = options.name ?? 'weightOnlyQuantizedDense';
  if (!Number.isSafeInteger(units) || units <= 0) {
    throw new QuantizationError(`${where}: expected units to be a positive integer, got ${describeValue(units)}`);
  }
  const useBias = options.useBias ?? true;
  if (typeof useBias !== 'boolean') throw new QuantizationError(`${where}: expected useBias to be a boolean, got ${describeValue(useBias)}`);
  const parameters = denseParameters(units, {
    useBias,
    kernelInitializer: quantizedKernelInitializer(options.kernelInitializer ?? 'glorotUniform', `${where} kernel`),
    biasInitializer: options.biasInitializer ?? 'zeros',
  });
  return layer(QUANTIZED_DENSE_OP, [x], {
    name: options.name,
    opName: 'dense',
    parameters,
    meta: options.meta ?? {},
    opts: { units, useBias },
  });
}
