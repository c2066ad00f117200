import { WeightCache, describeValue, type Backend, type Tensor, type WeightCheck } from '@qaxon/tensor';
import { referenceBackend } from '@qaxon/kernel-reference';
import { DisposedModelError, LayerOptionError } from './errors.js';
import { initState, type InitOptions } from './executor/init.js';
import type { InitInputs, PredictInputs } from './executor/inputs.js';
import type { ModelRuntime } from './executor/model-runtime.js';
import { placeState } from './executor/place-state.js';
import { planGraph } from './executor/plan.js';
import { runPlan } from './executor/predict.js';
import { BUILT_IN_LAYERS } from './layers/built-in-layers.js';
import type { LayerTable } from './layers/layer-implementation.js';
import type { Model, ModelOutput } from './model.js';
import { ModelState } from './model-state.js';
import type { OpPlacement } from './placement/op-placement.js';

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
  /**
   * The compute backend (default: `referenceBackend`). Any `Backend` of `@qaxon/tensor`:
   * ops it has no kernel for run on the reference backend (see `placement()`).
   */
  backend?: Backend;
  /** Extra or replacement layer implementations by op name, for this build only. */
  layers?: LayerTable;
  /**
   * What the model's weight cache compares on every use of a host weight, to see writes
   * into its arrays (default `'sampled'`: `kernelStamp`, about a microsecond). `'full'`
   * compares a `kernelDigest` of every element, so a backend that keeps a copy (WASM,
   * gpu.js) never uses a stale one, at the cost of one pass over the weights per use: for
   * code that writes into weights it keeps predicting with. `place(state)` is the other way
   * out (no host arrays left).
   */
  weightCheck?: WeightCheck;
}

/**
 * What {@link build} returns. `O` is what `predict` gives: a `Tensor`, or a record of
 * tensors by name for a model with several outputs ({@link container}).
 *
 * @example
 * ```ts
 * import { build, dense, input, type BuiltModel } from '@qaxon/graph';
 * const built: BuiltModel = build(dense(input('x'), 2));
 * console.log(built.layerNames); // ['x', 'dense_0']
 * ```
 */
export interface BuiltModel<O extends ModelOutput = Tensor> {
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
   * parameters of `state` (host tensors, or handles from `place`). Each input is uploaded
   * once, every layer runs as op calls on the backend (or the reference backend for ops
   * it lacks), and the output is downloaded once (each output once, as a record by name,
   * for a model made by `container`). Asynchronous, since kernels may be.
   */
  predict(state: ModelState, inputs: PredictInputs): Promise<O>;
  /**
   * Moves `state` onto the backend: a new state whose parameters are handles of the
   * backend (uploaded through the model's weight cache; handles the backend already holds
   * are kept). Drop the host state afterwards and the backend holds the only copy;
   * `predict` takes the placed state. Frozen marks are kept. The handles are the model's:
   * `dispose()` releases them.
   */
  place(state: ModelState): Promise<ModelState>;
  /** Where each op call of the last `predict` ran, and why (empty before the first). See `formatPlacement`. */
  placement(): readonly OpPlacement[];
  /**
   * Releases the model's weight handles on the backend (those its weight cache uploaded,
   * for `predict` and `place`). The model cannot be used afterwards: `init`, `predict`
   * and `place` throw a `DisposedModelError`. Disposing twice does nothing; the backend
   * itself is not disposed.
   */
  dispose(): void;
  /** Every layer name in graph order (inputs included). */
  readonly layerNames: readonly string[];
  /** The backend `predict` uses. */
  readonly backend: Backend;
}

const BACKEND_MEMBERS = ['upload', 'download', 'release', 'owns'] as const;

function checkBackend(backend: unknown): Backend {
  const candidate = backend as Partial<Record<string, unknown>> | null;
  const missing: string[] = [];
  if (candidate === null || typeof candidate !== 'object') {
    throw new LayerOptionError(`build: expected a Backend (name, kernels, upload, download, release, owns), got ${describeValue(backend)}`);
  }
  if (typeof candidate['name'] !== 'string') missing.push('name');
  if (candidate['kernels'] === null || typeof candidate['kernels'] !== 'object') missing.push('kernels');
  for (const member of BACKEND_MEMBERS) if (typeof candidate[member] !== 'function') missing.push(member);
  if (missing.length > 0) {
    const v1 = typeof candidate['dense'] === 'function' ? ' (it looks like a backend of the old contract, with dense()/quantizedDense() methods: port it to kernels by op name)' : '';
    throw new LayerOptionError(`build: expected a Backend (name, kernels, upload, download, release, owns), got ${describeValue(backend)} lacking ${missing.join(', ')}${v1}`);
  }
  return backend as Backend;
}

/**
 * Checks a model and returns its `init`, `predict`, `place`, `placement` and `dispose`
 * (Axon's `Axon.build`). Names are resolved and every op looked up now, so a cycle, a
 * dangling node, duplicate names or an unknown op fail here, naming the layer. Layers run
 * as op calls on `backend` (default: the reference backend of `@qaxon/kernel-reference`);
 * ops the backend lacks, or refuses with `KernelUnsupportedError`, run on the reference
 * backend, and `placement()` says which and why. Weights are uploaded once per built model
 * (one `WeightCache`). `layers` adds or replaces layer implementations for this build only
 * (there is no global registry).
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
export function build<O extends ModelOutput = Tensor>(model: Model<O>, options: BuildOptions = {}): BuiltModel<O> {
  const backend = checkBackend(options.backend ?? referenceBackend);
  const layers: LayerTable = { ...BUILT_IN_LAYERS, ...(options.layers ?? {}) };
  const plan = planGraph(model, layers);
  if (options.weightCheck !== undefined && options.weightCheck !== 'sampled' && options.weightCheck !== 'full') {
    throw new LayerOptionError(`build: expected weightCheck 'sampled' or 'full', got ${describeValue(options.weightCheck)}`);
  }
  const runtime: ModelRuntime = { backend, weights: new WeightCache(backend, { check: options.weightCheck ?? 'sampled' }) };
  let disposed = false;
  let lastPlacement: readonly OpPlacement[] = Object.freeze([]);
  const checkLive = (where: string): void => {
    if (disposed) throw new DisposedModelError(`${where}: this built model was disposed (its weight handles on backend '${backend.name}' were released); build the model again`);
  };
  return Object.freeze({
    init(inputs: InitInputs, state: ModelState = ModelState.empty(), initOptions: InitOptions = {}) {
      checkLive('init');
      return initState(plan, inputs, state, initOptions);
    },
    async predict(state: ModelState, inputs: PredictInputs) {
      checkLive('predict');
      const placements: OpPlacement[] = [];
      try {
        return (await runPlan(plan, state, inputs, runtime, (entry) => placements.push(Object.isFrozen(entry) ? entry : Object.freeze(entry)))) as O;
      } finally {
        lastPlacement = Object.freeze(placements);
      }
    },
    async place(state: ModelState) {
      checkLive('place');
      return placeState(state, runtime);
    },
    placement: () => lastPlacement,
    dispose() {
      if (disposed) return;
      disposed = true;
      runtime.weights.clear();
    },
    layerNames: Object.freeze(plan.map((step) => step.name)),
    backend,
  });
}
