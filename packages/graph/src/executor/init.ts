import { QTensor, Tensor, deriveSeed, describeValue, formatShape, shapesEqual } from '@qaxon/tensor';
import { GraphError, LayerOptionError, ParameterError } from '../errors.js';
import { resolveInitializer } from '../initializers/initializers.js';
import { layerLabel } from '../layers/layer-implementation.js';
import type { ParameterValue } from '../model.js';
import { ModelState, type ParameterKey } from '../model-state.js';
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
  /**
   * Refuse a given state that does not fit the model exactly: a {@link ParameterError}
   * lists the parameters it lacks (which would be initialized) and the entries no layer
   * has (which would be kept). Default false. Use it when `state` holds loaded weights that
   * should cover the whole model.
   */
  strict?: boolean;
  /** Called with what `init` did with the given state: the parameters it initialized and the entries no layer has. */
  onReport?: (report: InitReport) => void;
}

/**
 * What `init` did with the state it was given: parameters the model needs that the state
 * lacked, initialized with their initializers, and state entries no layer of the model
 * has, kept as they are.
 *
 * @example
 * ```ts
 * import type { InitReport } from '@qaxon/graph';
 * const report: InitReport = { initialized: [['dense_1', 'kernel']], unused: [['fc2', 'weight']] };
 * ```
 */
export interface InitReport {
  /** Parameters `init` created because the given state lacked them. */
  initialized: ParameterKey[];
  /** Entries of the given state that no layer of the model has. */
  unused: ParameterKey[];
}

/**
 * `init` for a planned graph: infers every shape from the input templates, keeps each
 * parameter the given state already holds (checking its shape), creates the others with
 * their initializers, and returns a new state (frozen marks kept). Synchronous.
 *
 * @example
 * ```ts
 * import { template } from '@qaxon/tensor';
 * import { BUILT_IN_LAYERS, ModelState, dense, input } from '@qaxon/graph';
 * import { initState, planGraph } from '@qaxon/graph/internals';
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
  const initialized: ParameterKey[] = [];
  const needed = new Set<string>();
  plan.forEach((step) => step.node.parameters.forEach((parameter) => needed.add(JSON.stringify([step.name, parameter.name]))));
  const unused: ParameterKey[] = [...state.parameters()].filter(([layer, parameter]) => !needed.has(JSON.stringify([layer, parameter]))).map(([layer, parameter]) => [layer, parameter] as const);
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
      initialized.push([step.name, parameter.name]);
      if (options.strict === true) continue;
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
  if (options.strict === true && (initialized.length > 0 || unused.length > 0)) {
    throw new ParameterError(`init (strict): the given state does not fit the model: ${describeMismatch(initialized, unused)}`);
  }
  options.onReport?.({ initialized, unused });
  return ModelState.fromData(data, { frozen: state.frozenParameters() });
}

function describeMismatch(initialized: readonly ParameterKey[], unused: readonly ParameterKey[]): string {
  const list = (keys: readonly ParameterKey[]): string =>
    keys
      .slice(0, 8)
      .map(([layer, parameter]) => `${layer}.${parameter}`)
      .join(', ') + (keys.length > 8 ? `, ... (${keys.length} in all)` : '');
  const parts: string[] = [];
  if (initialized.length > 0) parts.push(`it lacks ${list(initialized)}, which the model needs`);
  if (unused.length > 0) parts.push(`it holds ${list(unused)}, which no layer of the model has`);
  return `${parts.join('; ')} (check the names of a mapping, or pass strict: false to initialize what is missing and keep the rest)`;
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
