import { checkShape, formatShape, type Shape } from '@qaxon/tensor';
import { GraphError, InputError, ParameterError } from '../errors.js';
import { layerLabel } from '../layers/layer-implementation.js';
import type { Parameter } from '../model.js';
import type { PlannedLayer } from './plan.js';

/**
 * The shapes of one layer for given model inputs.
 *
 * @example
 * ```ts
 * import type { LayerShapes } from '@qaxon/graph/internals';
 * const describe = (shapes: LayerShapes) => shapes.outputShape.join('x');
 * ```
 */
export interface LayerShapes {
  /** One shape per parent. */
  readonly inputShapes: readonly Shape[];
  /** The layer's output shape (`[]` for a container, whose outputs are in `outputShapes`). */
  readonly outputShape: Shape;
  /** For a container (several outputs): the shape of each output by name. */
  readonly outputShapes?: Readonly<Record<string, Shape>>;
  /** The shape each declared parameter must have, by parameter name. */
  readonly parameterShapes: ReadonlyMap<string, Shape>;
}

/**
 * Runs `fn` for a layer; an error that is not already a `GraphError` becomes an
 * {@link InputError} whose message names the layer (the original is its `cause`).
 *
 * @example
 * ```ts
 * import { inLayer } from '@qaxon/graph/internals';
 * const shape = inLayer('layer dense_0 (op dense)', () => [1, 2]);
 * ```
 */
export function inLayer<T>(label: string, fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (error instanceof GraphError) throw error;
    throw new InputError(`${label}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}

/**
 * The shape a declared parameter must have for these input shapes.
 *
 * @example
 * ```ts
 * import { dense, input } from '@qaxon/graph';
 * import { parameterShape } from '@qaxon/graph/internals';
 * const model = dense(input('x'), 3);
 * const [kernel] = model.nodes[model.output]!.parameters;
 * console.log(parameterShape(kernel!, [[1, 4]], 'layer dense_0 (op dense)')); // [4, 3]
 * ```
 */
export function parameterShape(parameter: Parameter, inputShapes: readonly Shape[], label: string | (() => string)): Shape {
  // The label is built only for an error (predict calls this for every parameter).
  const labelText = (): string => (typeof label === 'string' ? label : label());
  let shape: Shape;
  try {
    shape = parameter.shape(inputShapes);
  } catch (error) {
    if (error instanceof GraphError) throw error;
    throw new InputError(`${labelText()} parameter '${parameter.name}': ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  try {
    return checkShape(shape, 'the returned shape');
  } catch (error) {
    throw new ParameterError(`${labelText()}: the shape function of parameter '${parameter.name}' returned an invalid shape (${(error as Error).message})`, {
      cause: error,
    });
  }
}

/**
 * Infers every layer's input, output and parameter shapes from the model inputs' shapes,
 * without computing anything: what `init` and `summary` use.
 *
 * @example
 * ```ts
 * import { BUILT_IN_LAYERS, dense, input } from '@qaxon/graph';
 * import { inferShapes, planGraph } from '@qaxon/graph/internals';
 * const plan = planGraph(dense(input('x'), 3), BUILT_IN_LAYERS);
 * const shapes = inferShapes(plan, () => [2, 5]);
 * console.log(shapes[1]!.outputShape); // [2, 3]
 * ```
 */
export function inferShapes(plan: readonly PlannedLayer[], inputShapeOf: (step: PlannedLayer) => Shape): LayerShapes[] {
  const result: LayerShapes[] = [];
  for (const step of plan) {
    const inputShapes = step.parentIndexes.map((index) => result[index]!.outputShape);
    if (step.node.op === 'container') {
      const names = step.node.opts['names'] as readonly string[];
      const outputShapes = Object.fromEntries(names.map((name, index) => [name, inputShapes[index]!] as const));
      result.push({ inputShapes, outputShape: [], outputShapes, parameterShapes: new Map() });
      continue;
    }
    if (step.implementation === undefined) {
      result.push({ inputShapes, outputShape: inputShapeOf(step), parameterShapes: new Map() });
      continue;
    }
    const implementation = step.implementation;
    const context = { name: step.name, node: step.node };
    const label = layerLabel(context);
    const outputShape = inLayer(label, () => implementation.outputShape(inputShapes, context));
    const parameterShapes = new Map(step.node.parameters.map((parameter) => [parameter.name, parameterShape(parameter, inputShapes, label)] as const));
    result.push({ inputShapes, outputShape: inLayer(label, () => checkShape(outputShape, label)), parameterShapes });
  }
  return result;
}

/**
 * `[[1, 4], [1, 3]]`: input shapes for messages.
 *
 * @example
 * ```ts
 * import { formatShapes } from '@qaxon/graph/internals';
 * console.log(formatShapes([[1, 4]])); // [[1, 4]]
 * ```
 */
export function formatShapes(shapes: readonly Shape[]): string {
  return `[${shapes.map((shape) => formatShape(shape)).join(', ')}]`;
}
