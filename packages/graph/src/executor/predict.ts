import { Tensor, describeValue, formatShape, listNames, shapesEqual, type Backend } from '@qaxon/tensor';
import { GraphError, InputError, LayerError, ParameterError } from '../errors.js';
import { layerLabel } from '../layers/layer-implementation.js';
import type { ParameterValue } from '../model.js';
import { ModelState } from '../model-state.js';
import { bindInput, type PredictInputs } from './inputs.js';
import type { PlannedLayer } from './plan.js';
import { formatShapes, parameterShape } from './shapes.js';

/**
 * Runs a planned graph: binds the inputs, then each layer in graph order with its
 * parameters from `state` (each checked present and of the shape the actual inputs
 * need), awaiting each result (kernels may be asynchronous). An error a layer raises that
 * is not a `GraphError` is wrapped in a {@link LayerError} naming the layer.
 *
 * @example
 * ```ts
 * import { ones, template } from '@qaxon/tensor';
 * import { referenceBackend } from '@qaxon/kernel-reference';
 * import { BUILT_IN_LAYERS, ModelState, dense, initState, input, planGraph, runPlan } from '@qaxon/graph';
 * const plan = planGraph(dense(input('x'), 3), BUILT_IN_LAYERS);
 * const state = initState(plan, template([1, 4]), ModelState.empty(), {});
 * const y = await runPlan(plan, state, ones([1, 4]), referenceBackend);
 * ```
 */
export async function runPlan(plan: readonly PlannedLayer[], state: ModelState, inputs: PredictInputs, backend: Backend): Promise<Tensor> {
  if (!(state instanceof ModelState)) throw new ParameterError(`predict: expected a ModelState (from init), got ${describeValue(state)}`);
  const outputs: Tensor[] = [];
  for (const step of plan) {
    if (step.implementation === undefined) {
      outputs.push(bindInput(inputs, step.name, step.node, false) as Tensor);
      continue;
    }
    const layerInputs = step.parentIndexes.map((index) => outputs[index]!);
    const context = { name: step.name, node: step.node, backend };
    const parameters = parametersOf(step, state, layerInputs);
    let output: unknown;
    try {
      output = await step.implementation.predict(layerInputs, parameters, context);
    } catch (error) {
      if (error instanceof GraphError) throw error;
      throw new LayerError(`${layerLabel(step)}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
    if (!(output instanceof Tensor)) throw new LayerError(`${layerLabel(step)}: expected the layer to produce a Tensor, got ${describeValue(output)}`);
    outputs.push(output);
  }
  return outputs[outputs.length - 1]!;
}

function parametersOf(step: PlannedLayer, state: ModelState, inputs: readonly Tensor[]): Record<string, ParameterValue> {
  const label = layerLabel(step);
  const parameters: Record<string, ParameterValue> = {};
  const inputShapes = inputs.map((x) => x.shape);
  for (const parameter of step.node.parameters) {
    const value = state.get(step.name, parameter.name);
    if (value === undefined) {
      const held = state.data[step.name] === undefined ? 'no parameters for this layer' : `only ${listNames(Object.keys(state.data[step.name]!))}`;
      throw new ParameterError(`${label}: the state is missing parameter '${parameter.name}' (it holds ${held}); run init with this model first`);
    }
    const expected = parameterShape(parameter, inputShapes, label);
    if (!shapesEqual(value.shape, expected)) {
      throw new InputError(
        `${label}: the inputs ${formatShapes(inputShapes)} do not fit parameter '${parameter.name}' of shape ${formatShape(value.shape)} (these inputs would need ${formatShape(expected)})`,
      );
    }
    parameters[parameter.name] = value;
  }
  return parameters;
}
