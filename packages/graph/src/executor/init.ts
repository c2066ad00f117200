import { QTensor, Tensor, deriveSeed, describeValue, formatShape, shapesEqual } from '@qaxon/tensor';
import { GraphError, LayerOptionError, ParameterError } from '../errors.js';
import { resolveInitializer } from '../initializers/initializers.js';
import { layerLabel } from '../layers/layer-implementation.js';
import type { ParameterValue } from '../model.js';
import { ModelState } from '../model-state.js';
import { bindInput, type InitInputs } from './inputs.js';
import type { PlannedLayer } from './plan.js';
import { formatShapes, inferShapes } from './shapes.js';

/**
 * Options of `init`.
 *
 * @example
 * ```ts
 * import type { InitOptions } from '@qaxon/graph';
 * const options: InitOptions = { seed: 42 };
 * ```
 */
export interface InitOptions {
  /**
   * Integer seed (default 0): parameter `p` of layer `l` is drawn from
   * `new Prng(deriveSeed(seed, l, p))`, so every parameter has its own reproducible stream
   * and adding a layer does not change the others' values.
   */
  seed?: number;
}

/**
 * `init` for a planned graph: infers every shape from the input templates, keeps each
 * parameter the given state already holds (checking its shape), creates the others with
 * their initializers, and returns a new state (frozen marks kept). Synchronous.
 *
 * @example
 * ```ts
 * import { template } from '@qaxon/tensor';
 * import { BUILT_IN_LAYERS, ModelState, dense, initState, input, planGraph } from '@qaxon/graph';
 * const plan = planGraph(dense(input('x'), 3), BUILT_IN_LAYERS);
 * const state = initState(plan, template([1, 4]), ModelState.empty(), { seed: 1 });
 * ```
 */
export function initState(plan: readonly PlannedLayer[], inputs: InitInputs, state: ModelState, options: InitOptions): ModelState {
  const seed = options.seed ?? 0;
  if (!Number.isSafeInteger(seed)) throw new LayerOptionError(`init: expected an integer seed, got ${describeValue(seed)}`);
  if (!(state instanceof ModelState)) throw new ParameterError(`init: expected a ModelState (ModelState.empty() to start), got ${describeValue(state)}`);
  const shapes = inferShapes(plan, (step) => bindInput(inputs, step.name, step.node, true).shape);
  const data: Record<string, Record<string, ParameterValue>> = {};
  for (const [layer, parameter, value] of state.parameters()) (data[layer] ??= {})[parameter] = value;
  plan.forEach((step, index) => {
    const label = layerLabel(step);
    const { inputShapes, parameterShapes } = shapes[index]!;
    for (const parameter of step.node.parameters) {
      const expected = parameterShapes.get(parameter.name)!;
      const existing = state.get(step.name, parameter.name);
      if (existing !== undefined) {
        if (!shapesEqual(existing.shape, expected)) {
          throw new ParameterError(
            `${label}: the given state holds parameter '${parameter.name}' with shape ${formatShape(existing.shape)}, but for input shapes ${formatShapes(inputShapes)} the model needs ${formatShape(expected)}`,
          );
        }
        continue;
      }
      const initializer = resolveInitializer(parameter.initializer, `${label} parameter '${parameter.name}'`);
      const dtype = parameter.dtype ?? 'f32';
      let value: ParameterValue;
      try {
        value = initializer(expected, dtype, deriveSeed(seed, step.name, parameter.name));
      } catch (error) {
        if (error instanceof GraphError) throw error;
        throw new ParameterError(`${label}: the initializer of parameter '${parameter.name}' failed: ${(error as Error).message}`, { cause: error });
      }
      checkInitialized(value, expected, dtype, `${label} parameter '${parameter.name}'`);
      (data[step.name] ??= {})[parameter.name] = value;
    }
  });
  return ModelState.fromData(data, { frozen: state.frozenParameters() });
}

function checkInitialized(value: unknown, expected: readonly number[], dtype: string, where: string): void {
  if (!(value instanceof Tensor) && !(value instanceof QTensor)) {
    throw new ParameterError(`${where}: expected the initializer to return a Tensor or a QTensor, got ${describeValue(value)}`);
  }
  if (!shapesEqual(value.shape, expected)) {
    throw new ParameterError(`${where}: expected the initializer to return shape ${formatShape(expected)}, got ${formatShape(value.shape)}`);
  }
  if (value instanceof Tensor && value.dtype !== dtype) {
    throw new ParameterError(`${where}: expected the initializer to return dtype '${dtype}', got '${value.dtype}'`);
  }
}
