/**
 * `@qaxon/graph`: an Axon-like neural network graph. A model is plain immutable data (a
 * record of nodes plus an output id); builders such as {@link dense} return new models;
 * {@link build} checks a model and returns `init` (parameters from input templates, seeded),
 * `predict` (async: every layer as op calls on any Backend v2, ops it lacks on the
 * reference backend; one tensor, or a record of them for a model with several outputs
 * made by {@link container}), `place` (the state onto the backend, as handles), `placement` (where
 * each op ran) and `dispose`. {@link ModelState} holds the parameters (tensors, int8
 * `QTensor`s or backend handles) and which are frozen; {@link rewriteNodes},
 * {@link properties} and {@link summary} inspect and transform models. Transformer layers
 * ({@link embedding}, {@link rmsNorm}, {@link attention}, {@link rotaryEmbedding}, ...)
 * compose into the blocks {@link decoderBlock} (LLaMA, with a KV cache) and
 * {@link encoderBlock} (BERT).
 *
 * @example
 * ```ts
 * import { ones, template } from '@qaxon/tensor';
 * import { build, dense, input, summary } from '@qaxon/graph';
 * const model = dense(dense(input('x', { shape: [null, 4] }), 8, { activation: 'relu' }), 2, { activation: 'softmax' });
 * const { init, predict } = build(model);
 * const state = init(template([1, 4]), undefined, { seed: 0 });
 * console.log(summary(model, state, { inputs: template([1, 4]) }));
 * const probabilities = await predict(state, ones([1, 4]));
 * ```
 *
 * @packageDocumentation
 */
export {
  GraphError,
  GraphStructureError,
  DuplicateNameError,
  UnknownOpError,
  UnknownActivationError,
  UnknownInitializerError,
  LayerOptionError,
  InputError,
  ParameterError,
  LayerError,
  DisposedModelError,
} from './errors.js';
export { isModel, type Model, type ModelOutput, type Node, type Parameter, type ParameterValue } from './model.js';
export { checkParameterValue, describeParameterValue, isHandle, parameterByteSize } from './parameter-value.js';
export { ModelState, type ModelStateData, type ModelStateOptions, type ParameterKey } from './model-state.js';

export { INITIALIZER_NAMES, type InitializerFn, type InitializerName, type InitializerSpec } from './initializers/initializer.js';
export { initializers, resolveInitializer, type NormalOptions, type ScaleOptions } from './initializers/initializers.js';
export {
  TRUNCATED_NORMAL_STDDEV,
  computeFans,
  truncatedNormal,
  varianceScaling,
  type FanMode,
  type Fans,
  type VarianceDistribution,
  type VarianceScalingOptions,
} from './initializers/variance-scaling.js';

export { input, layer, type InputOptions, type LayerOptions } from './builders/layer.js';
export { dense, denseKernelShape, denseParameters, type DenseOptions, type DenseParameterOptions } from './builders/dense.js';
export {
  activation,
  gelu,
  geluTanh,
  leakyRelu,
  logSoftmax,
  relu,
  sigmoid,
  silu,
  softmax,
  tanh,
  type ActivationLayerOptions,
  type LeakyReluOptions,
  type SoftmaxOptions,
} from './builders/activations.js';
export { add, concatenate, multiply, type CombinatorOptions, type ConcatenateOptions } from './builders/combinators.js';
export { container, type ContainerOptions } from './builders/container.js';
export { flatten, reshape, type ReshapeDimension, type ShapeLayerOptions } from './builders/shape-layers.js';
export { dropout, type DropoutOptions } from './builders/dropout.js';
export { layerNorm, type LayerNormOptions } from './builders/layer-norm.js';
export { rmsNorm, type RmsNormOptions } from './builders/rms-norm.js';
export { embedding, type EmbeddingOptions } from './builders/embedding.js';
export { matMul, type MatMulOptions } from './builders/mat-mul.js';
export { attention, type AttentionOptions } from './builders/attention.js';
export { rotaryEmbedding, type RotaryEmbeddingOptions } from './builders/rotary-embedding.js';
export { transpose, type TransposeOptions } from './builders/transpose.js';
export { slice, split, type SliceOptions, type SplitOptions } from './builders/slice.js';

export { decoderBlock, type DecoderBlockOptions, type DecoderBlockOutputs, type KeyValueCache } from './blocks/decoder-block.js';
export { encoderBlock, type EncoderBlockOptions } from './blocks/encoder-block.js';

export { ACTIVATION_NAMES, checkActivationName, isActivationName, type ActivationName, type ActivationOptions } from './activations/table.js';

export {
  type HostLayerContext,
  type HostLayerImplementation,
  type LayerContext,
  type LayerImplementation,
  type LayerTable,
  type OpLayerImplementation,
  type ShapeContext,
} from './layers/layer-implementation.js';
export { BUILT_IN_LAYERS } from './layers/built-in-layers.js';

export type { InitInputs, InputTemplate, PredictInputs } from './executor/inputs.js';
export type { InitOptions, InitReport } from './executor/init.js';
export type { OpPlacement, PlacementKind } from './placement/op-placement.js';
export { formatPlacement } from './placement/format-placement.js';
export { build, type BuildOptions, type BuiltModel } from './build.js';

export { rewriteNodes, mapNodes, reduceNodes, type NodeInfo, type NodeRewriter } from './tools/rewrite-nodes.js';
export { properties } from './tools/properties.js';
export { summary, type SummaryOptions } from './tools/summary.js';
