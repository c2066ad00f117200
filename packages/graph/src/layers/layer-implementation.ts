import type { Backend, MaybePromise, Shape, Tensor } from '@qaxon/tensor';
import type { Node, ParameterValue } from '../model.js';

/**
 * What a layer implementation learns about the node it runs for shape inference.
 *
 * @example
 * ```ts
 * import type { ShapeContext } from '@qaxon/graph';
 * const label = (context: ShapeContext) => `${context.name} (${context.node.op})`;
 * ```
 */
export interface ShapeContext {
  /** The resolved layer name (`dense_0`). */
  readonly name: string;
  /** The node, with its `opts`. */
  readonly node: Node;
}

/**
 * What a layer implementation gets when it runs: the node and the backend.
 *
 * @example
 * ```ts
 * import type { LayerContext } from '@qaxon/graph';
 * const backendName = (context: LayerContext) => context.backend.name;
 * ```
 */
export interface LayerContext extends ShapeContext {
  /** The compute backend given to `build` (reference by default). */
  readonly backend: Backend;
}

/**
 * The implementation of one op, as the layer table of `build` holds it.
 *
 * - `outputShape` infers the layer's output shape from its input shapes (one per parent);
 *   `init` and `summary` use it, so no computation runs at `init`. Throw a `GraphError`
 *   (e.g. `InputError`) naming `context.name` when the inputs do not fit.
 * - `predict` computes the output from the parents' outputs and the layer's parameters
 *   (already checked present and of the declared shapes). It may return a promise.
 *
 * @example
 * ```ts
 * import { map } from '@qaxon/tensor';
 * import { build, input, layer, type LayerImplementation } from '@qaxon/graph';
 * const double: LayerImplementation = {
 *   outputShape: ([x]) => x!,
 *   predict: ([x]) => map(x!, (v) => 2 * v),
 * };
 * const { predict } = build(layer('double', [input('x')]), { layers: { double } });
 * ```
 */
export interface LayerImplementation {
  /** Output shape from the input shapes. */
  outputShape(inputShapes: readonly Shape[], context: ShapeContext): Shape;
  /** The output from the inputs and the layer's parameters. */
  predict(inputs: readonly Tensor[], parameters: Readonly<Record<string, ParameterValue>>, context: LayerContext): MaybePromise<Tensor>;
}

/**
 * Layer implementations by op name: what `build(model, { layers })` adds to (or
 * overrides in) the built-in table.
 *
 * @example
 * ```ts
 * import { BUILT_IN_LAYERS, type LayerTable } from '@qaxon/graph';
 * const table: LayerTable = { ...BUILT_IN_LAYERS };
 * ```
 */
export type LayerTable = Readonly<Record<string, LayerImplementation>>;

/**
 * `layer dense_0 (op dense)`: how messages name a layer.
 *
 * @example
 * ```ts
 * import { dense, input, layerLabel } from '@qaxon/graph';
 * const model = dense(input('x'), 2);
 * console.log(layerLabel({ name: 'dense_0', node: model.nodes[model.output]! })); // layer dense_0 (op dense)
 * ```
 */
export function layerLabel(context: ShapeContext): string {
  return `layer ${context.name} (op ${context.node.op})`;
}
