import { QTensor, Tensor, describeValue, formatShape, listNames, shapesEqual, type Handle, type MaybePromise, type Shape } from '@qaxon/tensor';
import { GraphError, InputError, LayerError, ParameterError } from '../errors.js';
import { layerLabel, type HostLayerImplementation, type LayerContext, type OpLayerImplementation } from '../layers/layer-implementation.js';
import type { ModelOutput, ParameterValue } from '../model.js';
import { ModelState } from '../model-state.js';
import { describeParameterValue } from '../parameter-value.js';
import type { OpPlacement } from '../placement/op-placement.js';
import { cachedExecutionPlan, withFusedActivation } from './fuse-activations.js';
import { stepPlacement } from './placement-entries.js';
import { HandleLifetimes, cachedLastUses } from './handle-lifetimes.js';
import { bindInput, type PredictInputs } from './inputs.js';
import type { ModelRuntime } from './model-runtime.js';
import { startOpCall, type OpCallSite } from './op-call.js';
import type { PlannedLayer } from './plan.js';
import { formatShapes, parameterShape } from './shapes.js';

/**
 * Runs a planned graph on the runtime's backend: uploads each input once, runs each layer
 * in graph order with its parameters from `state` (each checked present and of the shape
 * the actual inputs need; host weights through the runtime's `WeightCache`, handles as
 * they are), releases every intermediate handle after its last use, and downloads the
 * output once (for a model ending in a container, each of its outputs once, as a record by
 * name). Op layers run as op calls on handles (falling back to the reference backend
 * per op, see `runOpCall`); host layers (`kind: 'host'`) get downloaded inputs and their
 * output is uploaded. Each op call's placement goes to `record`. An error a layer raises
 * that is not a `GraphError` is wrapped in a {@link LayerError} naming the layer.
 *
 * @example
 * ```ts
 * import { WeightCache, ones, template } from '@qaxon/tensor';
 * import { referenceBackend } from '@qaxon/kernel-reference';
 * import { BUILT_IN_LAYERS, ModelState, dense, input } from '@qaxon/graph';
 * import { initState, planGraph, runPlan } from '@qaxon/graph/internals';
 * const plan = planGraph(dense(input('x'), 3), BUILT_IN_LAYERS);
 * const state = initState(plan, template([1, 4]), ModelState.empty(), {});
 * const runtime = { backend: referenceBackend, weights: new WeightCache(referenceBackend) };
 * const y = await runPlan(plan, state, ones([1, 4]), runtime, () => {});
 * ```
 */
export async function runPlan(
  plan: readonly PlannedLayer[],
  state: ModelState,
  inputs: PredictInputs,
  runtime: ModelRuntime,
  record: (placement: OpPlacement) => void,
): Promise<ModelOutput> {
  if (!(state instanceof ModelState)) throw new ParameterError(`predict: expected a ModelState (from init), got ${describeValue(state)}`);
  const { backend } = runtime;
  plan = cachedExecutionPlan(plan, backend);
  const lifetimes = new HandleLifetimes(backend, cachedLastUses(plan));
  const uploadedInputs = new Map<Tensor, Handle>();
  const hostValues = new Map<Handle, Tensor | QTensor>();
  // A model whose output is one of its inputs (dropout at inference) gives that tensor back.
  const toHost = (handle: Handle): MaybePromise<Tensor> => {
    for (const [value, uploaded] of uploadedInputs) if (uploaded === handle) return value;
    return backend.download(handle);
  };
  let outputs: Record<string, Tensor> | undefined;
  try {
    // One await for the whole plan: steps whose kernels are synchronous run without a promise hop.
    await runSteps(0);
    return outputs ?? (await toHost(lifetimes.output(plan.length - 1)));
  } finally {
    lifetimes.releaseAll();
  }

  /** Runs the steps from `first` on, synchronously until one returns a promise, then continues after it. */
  function runSteps(first: number): void | Promise<void> {
    for (let index = first; index < plan.length; index++) {
      const output = runStep(plan[index]!);
      if (output instanceof Promise) {
        return output.then((handle) => {
          stepDone(index, handle);
          return runSteps(index + 1);
        });
      }
      stepDone(index, output);
    }
  }

  function stepDone(index: number, output: Handle | undefined): void {
    if (output !== undefined) lifetimes.setOutput(index, output);
    lifetimes.stepDone(index);
  }

  /** Runs one step; a container step gives no handle (it collects the model's outputs). */
  function runStep(step: PlannedLayer): MaybePromise<Handle | undefined> {
    if (step.node.op === 'container') return collectOutputs(step);
    if (step.implementation === undefined) {
      const value = bindInput(inputs, step.name, step.node, false) as Tensor;
      let handle = uploadedInputs.get(value);
      if (handle === undefined) {
        handle = backend.upload(value);
        uploadedInputs.set(value, handle);
      }
      return handle;
    }
    const layerInputs = step.parentIndexes.map((parent) => lifetimes.output(parent));
    const parameters = parametersOf(step, state, layerInputs, runtime);
    const site: OpCallSite = { runtime, layer: step.fusedActivation?.layer ?? step.name, hostValues, record: (entry) => record(stepPlacement(step, entry)) };
    return step.implementation.kind === 'host'
      ? runHostLayer(step, step.implementation, layerInputs, parameters, site)
      : runOpLayer(step, step.implementation, layerInputs, parameters, site, lifetimes);
  }

  async function collectOutputs(step: PlannedLayer): Promise<undefined> {
    const names = step.node.opts['names'] as readonly string[];
    const downloaded = new Map<Handle, MaybePromise<Tensor>>();
    outputs = {};
    for (const [position, name] of names.entries()) {
      const handle = lifetimes.output(step.parentIndexes[position]!);
      if (!downloaded.has(handle)) downloaded.set(handle, toHost(handle));
      outputs[name] = await downloaded.get(handle)!;
    }
    return undefined;
  }

  function parametersOf(step: PlannedLayer, state: ModelState, layerInputs: readonly Handle[], runtime: ModelRuntime): Record<string, ParameterValue> {
    const label = (): string => layerLabel(step);
    const values: Record<string, ParameterValue> = {};
    const inputShapes = layerInputs.map((x) => x.shape);
    const checked = CHECKED_PARAMETERS.get(step);
    for (const [index, parameter] of step.node.parameters.entries()) {
      const value = state.get(step.name, parameter.name);
      // The same value as the last predict, on inputs of the same shapes: its shape was checked then.
      if (value !== undefined && checked?.values[index] === value && sameShapes(checked.inputShapes, inputShapes) && (value instanceof Tensor || value instanceof QTensor || runtime.backend.owns(value))) {
        values[parameter.name] = value;
        continue;
      }
      if (value === undefined) {
        const held = state.data[step.name] === undefined ? 'no parameters for this layer' : `only ${listNames(Object.keys(state.data[step.name]!))}`;
        throw new ParameterError(`${label()}: the state is missing parameter '${parameter.name}' (it holds ${held}); run init with this model first`);
      }
      const expected = parameterShape(parameter, inputShapes, label);
      if (!shapesEqual(value.shape, expected)) {
        throw new InputError(
          `${label()}: the inputs ${formatShapes(inputShapes)} do not fit parameter '${parameter.name}' of shape ${formatShape(value.shape)} (these inputs would need ${formatShape(expected)})`,
        );
      }
      if (!(value instanceof Tensor) && !(value instanceof QTensor) && !runtime.backend.owns(value)) {
        throw new ParameterError(
          `${label()}: parameter '${parameter.name}' is a handle (${describeParameterValue(value)}) that backend '${runtime.backend.name}' does not hold: it was released (dispose) or placed on another backend; place the host state with this model's place(state)`,
        );
      }
      values[parameter.name] = value;
    }
    CHECKED_PARAMETERS.set(step, { inputShapes, values: step.node.parameters.map((parameter) => values[parameter.name]) });
    return values;
  }

  function runOpLayer(
    step: PlannedLayer,
    implementation: OpLayerImplementation,
    layerInputs: readonly Handle[],
    parameters: Record<string, ParameterValue>,
    site: OpCallSite,
    lifetimes: HandleLifetimes,
  ): MaybePromise<Handle> {
    const handles: Record<string, Handle> = {};
    for (const name in parameters) {
      const value = parameters[name]!;
      const handle = value instanceof Tensor || value instanceof QTensor ? runtime.weights.handleOf(value) : value;
      if (value instanceof Tensor || value instanceof QTensor) hostValues.set(handle, value);
      lifetimes.keep(handle);
      handles[name] = handle;
    }
    const made: Handle[] = [];
    const keep = (output: Handle): Handle => {
      made.push(output);
      return output;
    };
    const context: LayerContext = {
      name: step.name,
      node: step.node,
      backend,
      run: (op, inputs, attrs) => {
        const output = startOpCall(op, inputs, withFusedActivation(step, op, attrs), site);
        return output instanceof Promise ? output.then(keep) : keep(output);
      },
    };
    // A kernel may hand back one of its inputs: only handles made here, and not returned, go.
    const releaseMade = (output: unknown): void => {
      if (made.length === 1 && made[0] === output) return; // one op call, whose output the layer returns
      for (const handle of made) {
        if (handle !== output && !layerInputs.includes(handle) && !Object.values(handles).includes(handle)) lifetimes.release(handle);
      }
    };
    const finish = (output: unknown): Handle => {
      releaseMade(output);
      if (!backend.owns(output)) {
        const hint = output instanceof Tensor ? " (a layer written on host tensors needs kind: 'host' in its implementation)" : '';
        throw new LayerError(`${layerLabel(step)}: expected the layer to produce a live handle of backend '${backend.name}', got ${describeValue(output)}${hint}`);
      }
      return output;
    };
    let output: MaybePromise<unknown>;
    try {
      output = inLayer(step, () => implementation.predict(layerInputs, handles, context));
    } catch (error) {
      releaseMade(undefined);
      throw error;
    }
    if (output instanceof Promise) {
      return output.then(finish, (error: unknown) => {
        releaseMade(undefined);
        throw error;
      });
    }
    return finish(output);
  }

  async function runHostLayer(
    step: PlannedLayer,
    implementation: HostLayerImplementation,
    layerInputs: readonly Handle[],
    parameters: Record<string, ParameterValue>,
    site: OpCallSite,
  ): Promise<Handle> {
    const hostInputs = await Promise.all(layerInputs.map((handle) => backend.download(handle)));
    const hostParameters: Record<string, Tensor | QTensor> = {};
    for (const [name, value] of Object.entries(parameters)) {
      if (value instanceof Tensor || value instanceof QTensor) hostParameters[name] = value;
      else if (value.quantization !== undefined) {
        throw new ParameterError(`${layerLabel(step)}: parameter '${name}' is a quantized weight held only by backend '${backend.name}'; a host layer needs the host state`);
      } else hostParameters[name] = await backend.download(value);
    }
    const output = await inLayer(step, () => implementation.predict(hostInputs, hostParameters, { name: step.name, node: step.node, backend }));
    if (!(output instanceof Tensor)) throw new LayerError(`${layerLabel(step)}: expected the layer to produce a Tensor, got ${describeValue(output)}`);
    site.record({ layer: step.name, op: step.node.op, kind: 'host', ranOn: 'host', reason: "layer written on host tensors (kind: 'host')" });
    return backend.upload(output);
  }
}

/** Per step: the parameter values whose shapes were last checked, and the input shapes they were checked against. */
const CHECKED_PARAMETERS = new WeakMap<PlannedLayer, { readonly inputShapes: readonly Shape[]; readonly values: readonly (ParameterValue | undefined)[] }>();

function sameShapes(a: readonly Shape[], b: readonly Shape[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!shapesEqual(a[i]!, b[i]!)) return false;
  return true;
}

function inLayer<T>(step: PlannedLayer, run: () => T | Promise<T>): T | Promise<T> {
  const named = (error: unknown): never => {
    if (error instanceof GraphError) throw error;
    throw new LayerError(`${layerLabel(step)}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  };
  try {
    const result = run();
    return result instanceof Promise ? result.catch(named) : result;
  } catch (error) {
    return named(error);
  }
}
