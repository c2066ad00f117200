import type { Backend, Handle, MaybePromise, OpAttrs, OpInputs, OpName, QTensor, Shape, Tensor } from '@qaxon/tensor';
import type { Node } from '../model.js';

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
 * What a layer written on host tensors (`kind: 'host'`) gets when it runs: the node and
 * the model's backend.
 *
 * @example
 * ```ts
 * import type { HostLayerContext } from '@qaxon/graph';
 * const backendName = (context: HostLayerContext) => context.backend.name;
 * ```
 */
export interface HostLayerContext extends ShapeContext {
  /** The compute backend given to `build` (reference by default). */
  readonly backend: Backend;
}

/**
 * What an op layer gets when it runs: the node, the backend, and `run`, which runs one
 * op of the op table on handles. `run` checks the inputs with `inferOpOutput`, runs the
 * backend's kernel, or the reference backend's when the backend lacks the op or refuses
 * these inputs (`KernelUnsupportedError`), and records where the op ran for the model's
 * placement report. Handles `run` returns inside a layer are released by the executor
 * once the layer is done, except the one the layer returns. A layer whose steps are all
 * synchronous runs without a promise, which matters for small models (a promise hop per op
 * costs as much as a small kernel).
 *
 * @example
 * ```ts
 * import type { Handle } from '@qaxon/tensor';
 * import type { LayerContext } from '@qaxon/graph';
 * const reluOf = (x: Handle, context: LayerContext) => context.run('relu', { x }, {});
 * ```
 */
export interface LayerContext extends HostLayerContext {
  /**
   * Runs op `op` on handles of the model's backend and returns the output's handle: the
   * handle itself when the kernel is synchronous (WASM, the reference), a promise of it
   * otherwise (`await` works on both). Return it from `predict`, or `await` it.
   */
  run<O extends OpName>(op: O, inputs: OpInputs<O>, attrs: OpAttrs<O>): MaybePromise<Handle>;
}

/**
 * A layer made of op calls (the built-in layers are): it gets the parents' outputs and
 * its parameters as handles of the model's backend, and returns a handle, computing only
 * through `context.run(op, inputs, attrs)`, so its data stays on the backend.
 *
 * - `outputShape` infers the layer's output shape from its input shapes (one per parent);
 *   `init` and `summary` use it, so no computation runs at `init`. Throw a `GraphError`
 *   (e.g. `InputError`) naming `context.name` when the inputs do not fit.
 * - `predict` computes the output from the inputs and the layer's parameters (already
 *   checked present and of the declared shapes). It may return a promise.
 *
 * @example
 * ```ts
 * import { build, input, layer, type OpLayerImplementation } from '@qaxon/graph';
 * const square: OpLayerImplementation = {
 *   outputShape: ([x]) => x!,
 *   predict: ([x], _parameters, context) => context.run('multiply', { a: x!, b: x! }, {}),
 * };
 * const { predict } = build(layer('square', [input('x')]), { layers: { square } });
 * ```
 */
export interface OpLayerImplementation {
  /** `'ops'` (the default): the layer runs as op calls on handles. */
  readonly kind?: 'ops';
  /** Output shape from the input shapes. */
  outputShape(inputShapes: readonly Shape[], context: ShapeContext): Shape;
  /** The output handle from the input handles and the layer's parameters (handles). */
  predict(inputs: readonly Handle[], parameters: Readonly<Record<string, Handle>>, context: LayerContext): MaybePromise<Handle>;
}

/**
 * A layer written on host tensors (`kind: 'host'`), for custom layers that are easiest as
 * plain code: the executor downloads its inputs, hands it its parameters as host values
 * (a parameter placed on the backend is downloaded too), uploads its output, and the
 * placement report says `host`.
 *
 * @example
 * ```ts
 * import { map } from '@qaxon/tensor';
 * import { build, input, layer, type HostLayerImplementation } from '@qaxon/graph';
 * const double: HostLayerImplementation = {
 *   kind: 'host',
 *   outputShape: ([x]) => x!,
 *   predict: ([x]) => map(x!, (v) => 2 * v),
 * };
 * const { predict } = build(layer('double', [input('x')]), { layers: { double } });
 * ```
 */
export interface HostLayerImplementation {
  /** Marks a layer written on host tensors. */
  readonly kind: 'host';
  /** Output shape from the input shapes. */
  outputShape(inputShapes: readonly Shape[], context: ShapeContext): Shape;
  /** The output tensor from the input tensors and the layer's parameters. */
  predict(inputs: readonly Tensor[], parameters: Readonly<Record<string, Tensor | QTensor>>, context: HostLayerContext): MaybePromise<Tensor>;
}

/**
 * The implementation of one op, as the layer table of `build` holds it: op calls on
 * handles ({@link OpLayerImplementation}, the default) or code on host tensors
 * ({@link HostLayerImplementation}, `kind: 'host'`).
 *
 * @example
 * ```ts
 * import type { LayerImplementation } from '@qaxon/graph';
 * const identity: LayerImplementation = { outputShape: ([x]) => x!, predict: ([x]) => x! };
 * ```
 */
export type LayerImplementation = OpLayerImplementation | HostLayerImplementation;

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
 * import { dense, input } from '@qaxon/graph';
 * import { layerLabel } from '@qaxon/graph/internals';
 * const model = dense(input('x'), 2);
 * console.log(layerLabel({ name: 'dense_0', node: model.nodes[model.output]! })); // layer dense_0 (op dense)
 * ```
 */
export function layerLabel(context: ShapeContext): string {
  return `layer ${context.name} (op ${context.node.op})`;
}
