import type { Handle, QTensor, Shape, Tensor } from '@qaxon/tensor';
import type { InitializerSpec } from './initializers/initializer.js';

/**
 * The value of one parameter in a {@link ModelState}: an f32 tensor, a `QTensor` for
 * weight-only quantized kernels (its `.shape` is the `[in, units]` of the kernel it
 * stands for), or a `Handle` of a backend once the state was moved there with the built
 * model's `place(state)` (the host copy can then be dropped; see `isHandle`).
 *
 * @example
 * ```ts
 * import { QTensor, ones } from '@qaxon/tensor';
 * import type { ParameterValue } from '@qaxon/graph';
 * const values: ParameterValue[] = [ones([2, 3]), QTensor.fromTensor(ones([2, 3]))];
 * ```
 */
export type ParameterValue = Tensor | QTensor | Handle;

/**
 * A declared, trainable parameter of a layer (Axon's `Axon.param`): its name within the
 * layer, how its shape follows from the layer's input shapes, and how to initialize it.
 *
 * `shape` receives one shape per parent of the node, in order. The initializer may be a
 * name (`'glorotUniform'`) or a function `(shape, dtype, key) => Tensor | QTensor`: a
 * function may return a `QTensor` (that is how weight-only quantized layers get
 * int8 kernels at `init`).
 *
 * @example
 * ```ts
 * import type { Parameter } from '@qaxon/graph';
 * const kernel: Parameter = {
 *   name: 'kernel',
 *   shape: ([x]) => [x![x!.length - 1]!, 10],
 *   initializer: 'glorotUniform',
 * };
 * ```
 */
export interface Parameter {
  /** Name within the layer: `state.data[layerName][name]`. */
  readonly name: string;
  /** The parameter's shape from the input shapes of its layer. */
  readonly shape: (inputShapes: readonly Shape[]) => Shape;
  /** How to create the value at `init`. */
  readonly initializer: InitializerSpec;
  /** Element type requested from the initializer (default `'f32'`). */
  readonly dtype?: 'f32';
}

/**
 * One layer of a model, as plain immutable data (Axon's `%Axon.Node{}`).
 *
 * - `op` is a string resolved against the layer table at `build` time (never a closure),
 *   so a model can be printed, compared and serialized.
 * - `opName` is what {@link properties} reports and what generated names count by:
 *   a node without an explicit `name` is called `<opName>_<n>`, `n` counting nodes of
 *   that `opName` in graph order.
 * - `parents` are node ids, in the order the layer receives its inputs.
 *
 * @example
 * ```ts
 * import { dense, input } from '@qaxon/graph';
 * const model = dense(input('x'), 4);
 * const node = model.nodes[model.output]!;
 * console.log(node.op, node.opName, node.name, node.opts); // dense dense undefined { units: 4, useBias: true }
 * ```
 */
export interface Node {
  /** Id of the node, unique within its model (opaque; a combined model may renumber nodes). */
  readonly id: number;
  /** The explicit name, or `undefined` until names are resolved (`dense_0`, ...). */
  readonly name: string | undefined;
  /** Key into the layer table: `'dense'`, `'quantizedDense'`, `'relu'`, ... */
  readonly op: string;
  /** The operation name reported by {@link properties} and used for generated names. */
  readonly opName: string;
  /** Ids of the input nodes, in order. */
  readonly parents: readonly number[];
  /** Declared parameters, created by `init` under `state.data[name]`. */
  readonly parameters: readonly Parameter[];
  /** Free-form metadata carried along (never read by the executor). */
  readonly meta: Readonly<Record<string, unknown>>;
  /** Options the layer implementation reads (`units`, `useBias`, `axis`, ...). */
  readonly opts: Readonly<Record<string, unknown>>;
}

/**
 * What a model's `predict` gives: one tensor, or, for a model whose output is a
 * {@link container}, a record of tensors by name.
 *
 * @example
 * ```ts
 * import { Tensor } from '@qaxon/tensor';
 * import type { ModelOutput } from '@qaxon/graph';
 * const first = (output: ModelOutput): Tensor => (output instanceof Tensor ? output : Object.values(output)[0]!);
 * ```
 */
export type ModelOutput = Tensor | Readonly<Record<string, Tensor>>;

/**
 * A model: plain immutable data, a record of nodes by id plus the id of the output node
 * (Axon's `%Axon{nodes, output}`). Every builder returns a new model whose `output` is the
 * node it added; the models it was given are never changed. `O` is what `predict` gives:
 * a `Tensor`, or a record of tensors for a model made by {@link container} (several
 * outputs); only the type says it, the data is the same.
 *
 * @example
 * ```ts
 * import { container, dense, input, relu, type Model } from '@qaxon/graph';
 * import type { Tensor } from '@qaxon/tensor';
 * const x = input('x', { shape: [null, 3] });
 * const model: Model = relu(dense(x, 4));
 * console.log(Object.keys(model.nodes).length); // 3
 * const both: Model<{ hidden: Tensor; logits: Tensor }> = container({ hidden: model, logits: dense(model, 2) });
 * ```
 */
export interface Model<O extends ModelOutput = Tensor> {
  /** Every node of the model by id. */
  readonly nodes: Readonly<Record<number, Node>>;
  /** Id of the output node. */
  readonly output: number;
  /**
   * Type only, never set: what `predict` gives for this model (so that a model with
   * several outputs cannot be passed where a layer input is expected).
   */
  readonly outputType?: O;
}

/**
 * The id for a node added to a model holding `nodes`: one more than the largest id there
 * (1 for none). Ids are unique within a model, not across models: a builder combining
 * models merges their nodes first (renumbering a node whose id another node already has),
 * then adds its node with this id. Names, not ids, key the model state.
 *
 * @example
 * ```ts
 * import { input } from '@qaxon/graph';
 * import { nextNodeId } from '@qaxon/graph/internals';
 * console.log(nextNodeId(input('x').nodes)); // 2
 * ```
 */
export function nextNodeId(nodes: Readonly<Record<number, Node>>): number {
  let largest = 0;
  for (const key of Object.keys(nodes)) largest = Math.max(largest, Number(key));
  return largest + 1;
}

/**
 * True for values shaped like a {@link Model} (an object with `nodes` and a numeric
 * `output`).
 *
 * @example
 * ```ts
 * import { input, isModel } from '@qaxon/graph';
 * console.log(isModel(input('x')), isModel({})); // true false
 * ```
 */
export function isModel(value: unknown): value is Model<ModelOutput> {
  if (value === null || typeof value !== 'object') return false;
  const candidate = value as { nodes?: unknown; output?: unknown };
  return candidate.nodes !== null && typeof candidate.nodes === 'object' && typeof candidate.output === 'number';
}

/**
 * Freezes a node (and its arrays and option records) so models stay immutable.
 *
 * @example
 * ```ts
 * import { freezeNode } from '@qaxon/graph/internals';
 * const node = freezeNode({ id: 1, name: 'x', op: 'input', opName: 'input', parents: [], parameters: [], meta: {}, opts: {} });
 * console.log(Object.isFrozen(node)); // true
 * ```
 */
export function freezeNode(node: Node): Node {
  return Object.freeze({
    id: node.id,
    name: node.name,
    op: node.op,
    opName: node.opName,
    parents: Object.freeze([...node.parents]),
    parameters: Object.freeze(node.parameters.map((parameter) => Object.freeze({ ...parameter }))),
    meta: Object.freeze({ ...node.meta }),
    opts: Object.freeze({ ...node.opts }),
  });
}

/**
 * A model from a record of nodes and an output id (frozen; not validated: `build` checks
 * the structure).
 *
 * @example
 * ```ts
 * import { input } from '@qaxon/graph';
 * import { makeModel } from '@qaxon/graph/internals';
 * const x = input('x');
 * const same = makeModel(x.nodes, x.output);
 * ```
 */
export function makeModel<O extends ModelOutput = Tensor>(nodes: Readonly<Record<number, Node>>, output: number): Model<O> {
  return Object.freeze({ nodes: Object.freeze({ ...nodes }), output });
}
