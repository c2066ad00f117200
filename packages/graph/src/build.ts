import { describeValue, type Backend, type Tensor } from '@qaxon/tensor';
import { referenceBackend } from '@qaxon/kernel-reference';
import { LayerOptionError } from './errors.js';
import { initState, type InitOptions } from './executor/init.js';
import type { InitInputs, PredictInputs } from './executor/inputs.js';
import { planGraph } from './executor/plan.js';
import { runPlan } from './executor/predict.js';
import { BUILT_IN_LAYERS } from './layers/built-in-layers.js';
import type { LayerTable } from './layers/layer-implementation.js';
import type { Model } from './model.js';
import { ModelState } from './model-state.js';

/**
 * Options of {@link build}.
 *
 * @example
 * ```ts
 * import { referenceBackend } from '@qaxon/kernel-reference';
 * import type { BuildOptions } from '@qaxon/graph';
 * const options: BuildOptions = { backend: referenceBackend };
 * ```
 */
export interface BuildOptions {
  /** The compute backend for `dense` and `quantizedDense` (default: `referenceBackend`). */
  backend?: Backend;
  /** Extra or replacement layer implementations by op name, for this build only. */
  layers?: LayerTable;
}

/**
 * The functions {@link build} returns.
 *
 * @example
 * ```ts
 * import { build, dense, input, type BuiltModel } from '@qaxon/graph';
 * const built: BuiltModel = build(dense(input('x'), 2));
 * console.log(built.layerNames); // ['x', 'dense_0']
 * ```
 */
export interface BuiltModel {
  /**
   * Creates the model's parameters (synchronous): infers every shape from `inputs` (a
   * `template()`, a tensor, or a record of them by input name), keeps the parameters
   * `state` already holds (checking their shapes), initializes the others with their
   * initializers seeded by `deriveSeed(seed, layer, parameter)`, and returns a new
   * `ModelState`. `onReport` hears which parameters were initialized and which state
   * entries no layer has; `strict: true` makes either an error (for loaded weights).
   */
  init(inputs: InitInputs, state?: ModelState, options?: InitOptions): ModelState;
  /**
   * Runs the model on `inputs` (a tensor, or a record of tensors by input name) with the
   * parameters of `state`. Asynchronous, since backend kernels may be.
   */
  predict(state: ModelState, inputs: PredictInputs): Promise<Tensor>;
  /** Every layer name in graph order (inputs included). */
  readonly layerNames: readonly string[];
  /** The backend `predict` uses. */
  readonly backend: Backend;
}

/**
 * Checks a model and returns its `init` and `predict` functions (Axon's `Axon.build`).
 * Names are resolved and every op looked up now, so a cycle, a dangling node, duplicate
 * names or an unknown op fail here, naming the layer. Dense layers run on `backend`
 * (default: the reference backend of `@qaxon/kernel-reference`); `layers` adds or
 * replaces op implementations for this build only (there is no global registry).
 *
 * @example
 * ```ts
 * import { ones, template } from '@qaxon/tensor';
 * import { build, dense, input } from '@qaxon/graph';
 * const model = dense(dense(input('x', { shape: [null, 4] }), 8, { activation: 'relu' }), 2);
 * const { init, predict } = build(model);
 * const state = init(template([1, 4]), undefined, { seed: 42 });
 * const y = await predict(state, ones([1, 4])); // Tensor<f32>[1, 2]
 * ```
 */
export function build(model: Model, options: BuildOptions = {}): BuiltModel {
  const backend = options.backend ?? referenceBackend;
  if (backend === null || typeof backend !== 'object' || typeof backend.dense !== 'function' || typeof backend.quantizedDense !== 'function') {
    throw new LayerOptionError(`build: expected a Backend with dense and quantizedDense kernels, got ${describeValue(backend)}`);
  }
  const layers: LayerTable = { ...BUILT_IN_LAYERS, ...(options.layers ?? {}) };
  const plan = planGraph(model, layers);
  return Object.freeze({
    init: (inputs: InitInputs, state: ModelState = ModelState.empty(), initOptions: InitOptions = {}) => initState(plan, inputs, state, initOptions),
    predict: (state: ModelState, inputs: PredictInputs) => runPlan(plan, state, inputs, backend),
    layerNames: Object.freeze(plan.map((step) => step.name)),
    backend,
  });
}
