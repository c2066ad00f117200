/**
 * `@qaxon/tensor`: the tensor core of qaxon. Row-major tensors over `Float32Array`,
 * `Int8Array` and `Int32Array`, plain operations written to be read, the {@link QTensor}
 * int8 kernel type and the {@link Backend} contract every compute backend implements.
 *
 * @example
 * ```ts
 * import { tensor, matmul, QTensor } from '@qaxon/tensor';
 * const x = tensor([[1, 2]]);
 * const w = tensor([[0.5, -1], [0.25, 2]]);
 * console.log(matmul(x, w).toArray()); // [[1, 3]]
 * console.log(QTensor.fromTensor(w).toString()); // QTensor<s8>[2, 2]
 * ```
 *
 * @packageDocumentation
 */
export { QaxonError, TensorError, ShapeError, DTypeError, ValueError } from './errors.js';
export {
  DTYPES,
  allocate,
  assertDType,
  bytesPerElement,
  dtypeOfArray,
  integerRange,
  type AnyTypedArray,
  type DType,
  type DTypeArrays,
  type TypedArrayFor,
} from './dtype.js';
export {
  MAX_EMPTY_OUTER_SIZE,
  MAX_RANK,
  checkShape,
  emptyOuterSize,
  formatShape,
  normalizeAxis,
  shapesEqual,
  sizeOf,
  stridesOf,
  type Shape,
} from './shape.js';
export { describeValue, formatCount, listNames } from './describe.js';
export { Tensor, TensorTemplate, emptyLike, type ArrayRank, type NestedArray, type NestedArrayOfRank } from './tensor.js';
export { tensor, full, zeros, ones, template, type ConvertibleTypedArray, type TensorOptions } from './create.js';
export type { NestedArrayFor } from './tensor.js';
export type { RankOfValues, TensorValues } from './create.js';
export { Prng, deriveSeed } from './prng.js';
export { randomUniform, randomNormal, type RandomUniformOptions, type RandomNormalOptions } from './random.js';
export { reshape, resolveShape } from './reshape.js';
export { transpose } from './transpose.js';
export { asType } from './as-type.js';
export { broadcastCombine, broadcastShapes, broadcastStrides } from './broadcast.js';
export { add, subtract, multiply, divide, type Operand } from './elementwise.js';
export { map } from './map.js';
export { erf } from './erf.js';
export { sum, mean, min, max, type ReduceOptions } from './reduce.js';
export { argMax, type ArgMaxOptions } from './arg-max.js';
export { matmul } from './matmul.js';
export { concatenate } from './concatenate.js';
export { slice } from './slice.js';
export { allClose, type AllCloseOptions, type AllCloseResult } from './all-close.js';
export { FLOAT32_EPSILON, perChannelInt8Scales, quantizeInt8WithScales, roundHalfAwayFromZero } from './per-channel-int8.js';
export { DYNAMIC_ROW_FLOOR, quantizeRowsS8 } from './quantize-rows-s8.js';
export { KERNEL_STAMP_SAMPLES, kernelDigest, kernelStamp, type WeightCheck } from './kernel-stamp.js';
export { QTensor, QUANTIZED_TYPES, type QuantizedType, type FromTensorOptions } from './qtensor.js';
export type { QTensorOptions } from './qtensor-layout.js';
export {
  KernelUnsupportedError,
  type Backend,
  type BackendMemory,
  type BackendPrecision,
  type Kernel,
  type KernelTable,
  type MaybePromise,
  type OpPrecision,
} from './backend.js';
export type { Handle, QuantizationLayout } from './ops/handle.js';
export { OP_NAMES, isOpName, type AttentionAttrs, type OpAttrs, type OpInputs, type OpName, type OpTable, type RopeAttrs } from './ops/op-table.js';
export { HostHandle } from './ops/host-handle.js';
export { inferOpOutput, type OpSpecs, type SpecOf, type TensorSpec } from './ops/infer-op-output.js';
export type { OpOutput } from './ops/rules/op-output.js';
export { denseDimensions, denseOutput, type DenseDimensions } from './ops/rules/dense.js';
export { DENSE_ACTIVATIONS, denseActivationCall, denseActivationOf, type DenseActivation, type DenseAttrs } from './ops/rules/dense-activation.js';
export { DYNAMIC_QUANTIZED_DENSE_MAX_INNER, dynamicQuantizedDenseDimensions, dynamicQuantizedDenseOutput } from './ops/rules/dynamic-quantized-dense.js';
export { matMulDimensions, matMulOutput, type MatMulDimensions } from './ops/rules/matmul.js';
export { binaryOutput, type BinaryOpName } from './ops/rules/elementwise.js';
export { unaryOutput, type UnaryOpName } from './ops/rules/unary.js';
export { softmaxAxis, softmaxOutput } from './ops/rules/softmax.js';
export { normOutput } from './ops/rules/norms.js';
export { gatherOutput } from './ops/rules/gather.js';
export { attentionDimensions, attentionOutput, type AttentionDimensions } from './ops/rules/attention.js';
export { ropeDimensions, ropeOutput, type RopeDimensions } from './ops/rules/rope.js';
export {
  concatenateAxis,
  concatenateOutput,
  reshapeOutput,
  reshapeShape,
  sliceBounds,
  sliceOutput,
  transposeOutput,
  transposePermutation,
} from './ops/rules/layout.js';
export { runOp, type HostOpInputs, type HostOrHandle } from './ops/run-op.js';
export { WeightCache } from './ops/weight-cache.js';
export type { RowSource, StreamedWeight } from './ops/streamed-weight.js';
export { int4At, packInt4, packedRowsOf, unpackInt4 } from './int4-packing.js';
