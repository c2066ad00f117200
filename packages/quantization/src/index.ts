/**
 * `@qaxon/quantization`: weight-only int8 quantization of qaxon models, a TypeScript port
 * of Elixir Axon's `Axon.Quantization`. `quantize(model, state)` turns every dense layer
 * into a weight-only int8 dense layer whose kernel is a {@link QTensor} (int8 values, one
 * float32 scale per output unit), about 4x smaller, bit-identical to Axon's quantizer.
 *
 * @example
 * ```ts
 * import { build, dense, input, softmax } from '@qaxon/graph';
 * import { quantize } from '@qaxon/quantization';
 * import { randomNormal, template } from '@qaxon/tensor';
 * const model = softmax(dense(dense(input('pixels'), 128, { activation: 'relu' }), 10));
 * const state = build(model).init(template([1, 784]), undefined, { seed: 0 });
 * const [qModel, qState] = quantize(model, state);
 * const probabilities = await build(qModel).predict(qState, randomNormal([4, 784], { seed: 1 }));
 * console.log(state.byteSize(), '->', qState.byteSize());
 * ```
 *
 * @packageDocumentation
 */
export { QTensor, FLOAT32_EPSILON, QUANTIZED_TYPES, type FromTensorOptions, type QuantizedType } from '@qaxon/tensor';
export { QuantizationError } from './errors.js';
export { quantize } from './quantize.js';
export { quantizeModel, isFloatDense, isDenseLike, type QuantizeFilter, type QuantizeOptions } from './quantize-model.js';
export { quantizeModelState } from './quantize-model-state.js';
export { weightOnlyQuantizedDense, QUANTIZED_DENSE_OP, type WeightOnlyQuantizedDenseOptions } from './weight-only-quantized-dense.js';
export { quantizedKernelInitializer } from './quantized-kernel-initializer.js';
export { layers, type QuantizedDenseBias } from './layers.js';
export {
  quantizationReport,
  type LayerQuantizationReport,
  type QuantizationReport,
  type QuantizationReportOptions,
} from './quantization-report.js';
export { formatReportTable } from './format-report.js';
export { ErrorAccumulator, type ErrorStatistics } from './signal-to-noise.js';
