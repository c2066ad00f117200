import { describeValue } from '@qaxon/tensor';
import { LayerOptionError } from '../errors.js';
import { graphOrder } from '../graph/graph-order.js';
import { resolveInitializer } from '../initializers/initializers.js';
import { freezeNode, isModel, makeModel, nextNodeId, type Model, type ModelOutput, type Node, type Parameter } from '../model.js';

/**
 * Options of {@link layer}.
 *
 * @example
 * ```ts
 * import type { LayerOptions } from '@qaxon/graph';
 * const options: LayerOptions = { name: 'scale', opName: 'scale', opts: { factor: 2 } };
 * ```
 */
export interface LayerOptions {
  /** Explicit layer name; otherwise `<opName>_<n>` in graph order. */
  name?: string;
  /** The name {@link properties} reports and generated names count by (default `op`). */
  opName?: string;
  /** Declared parameters, created by `init` under `state.data[layerName]`. */
  parameters?: readonly Parameter[];
  /** Free-form metadata carried on the node. */
  meta?: Readonly<Record<string, unknown>>;
  /** Options for the layer implementation. */
  opts?: Readonly<Record<string, unknown>>;
}

/**
 * Adds a layer of any op to the graph (Axon's `Axon.layer`): the node's inputs are the
 * outputs of `inputs`, in order, and `op` is looked up in the layer table given to
 * `build` (built-in ops, or your own under `build(model, { layers: { myOp: ... } })`).
 * This is the hook custom and quantized layers use. Parameter names must be unique within
 * the layer and initializer names valid (checked here).
 *
 * @example
 * ```ts
 * import { input, layer } from '@qaxon/graph';
 * const x = input('x', { shape: [null, 4] });
 * const scaled = layer('scale', [x], {
 *   parameters: [{ name: 'factor', shape: ([s]) => [s![s!.length - 1]!], initializer: 'ones' }],
 * });
 * ```
 */
export function layer(op: string, inputs: readonly Model[], options: LayerOptions = {}): Model {
  if (typeof op !== 'string' || op.length === 0) {
    throw new LayerOptionError(`layer: expected a non-empty op name, got ${describeValue(op)}`);
  }
  if (!Array.isArray(inputs)) throw new LayerOptionError(`layer '${op}': expected an array of input models, got ${describeValue(inputs)}`);
  inputs.forEach((model, index) => {
    if (!isModel(model)) {
      throw new LayerOptionError(`layer '${op}': expected input ${index} to be a model (from input(), dense(), ...), got ${describeValue(model)}`);
    }
    if (model.nodes[model.output]?.op === 'container') {
      throw new LayerOptionError(`layer '${op}': input ${index} is a model with several outputs (a container); expected a model with one output: pass one of the models it was made of`);
    }
  });
  const name = checkName(options.name, op);
  const opName = options.opName ?? op;
  if (typeof opName !== 'string' || opName.length === 0) {
    throw new LayerOptionError(`layer '${op}': expected a non-empty opName, got ${describeValue(opName)}`);
  }
  const parameters = options.parameters ?? [];
  checkParameters(parameters, name ?? op);
  const merged = mergeModels(inputs);
  const node = freezeNode({
    id: nextNodeId(merged.nodes),
    name,
    op,
    opName,
    parents: merged.outputs,
    parameters,
    meta: options.meta ?? {},
    opts: options.opts ?? {},
  });
  return makeModel({ ...merged.nodes, [node.id]: node }, node.id);
}

/**
 * Options of {@link input}.
 *
 * @example
 * ```ts
 * import type { InputOptions } from '@qaxon/graph';
 * const options: InputOptions = { shape: [null, 784] };
 * ```
 */
export interface InputOptions {
  /** Expected shape; `null` marks an axis of any size (usually the batch). */
  shape?: readonly (number | null)[];
  /**
   * Element type of the values the input takes: `'f32'` (the default) or `'s32'` for
   * integers such as token ids, positions and attention masks.
   */
  dtype?: 'f32' | 's32';
}

/**
 * Adds an input layer (Axon's `Axon.input`). Inputs are named explicitly; `init` and
 * `predict` take one tensor, or a record of tensors by input name. A declared `shape` is
 * checked against what you pass (`null` axes match any size). `dtype: 's32'` declares an
 * integer input (token ids for `embedding`, positions for `rotaryEmbedding`, an attention
 * mask); the node keeps a given dtype in `opts.dtype`.
 *
 * @example
 * ```ts
 * import { input } from '@qaxon/graph';
 * const pixels = input('pixels', { shape: [null, 784] });
 * const tokenIds = input('input_ids', { shape: [null, null], dtype: 's32' });
 * ```
 */
export function input(name: string, options: InputOptions = {}): Model {
  if (typeof name !== 'string' || name.length === 0) {
    throw new LayerOptionError(`input: expected a non-empty input name, got ${describeValue(name)}`);
  }
  const shape = options.shape;
  if (shape !== undefined) {
    if (!Array.isArray(shape)) throw new LayerOptionError(`input '${name}': expected shape to be an array, got ${describeValue(shape)}`);
    shape.forEach((dimension, axis) => {
      if (dimension !== null && (!Number.isSafeInteger(dimension) || dimension < 0)) {
        throw new LayerOptionError(`input '${name}': expected axis ${axis} of shape to be a non-negative integer or null, got ${describeValue(dimension)}`);
      }
    });
  }
  const dtype = options.dtype ?? 'f32';
  if (dtype !== 'f32' && dtype !== 's32') throw new LayerOptionError(`input '${name}': expected option dtype to be 'f32' or 's32', got ${describeValue(dtype)}`);
  return layer('input', [], {
    name,
    opName: 'input',
    opts: { shape: shape === undefined ? null : Object.freeze([...shape]), ...(options.dtype === undefined ? {} : { dtype }) },
  });
}

function checkName(name: unknown, op: string): string | undefined {
  if (name === undefined) return undefined;
  if (typeof name !== 'string' || name.length === 0) {
    throw new LayerOptionError(`layer '${op}': expected name to be a non-empty string, got ${describeValue(name)}`);
  }
  return name;
}

function checkParameters(parameters: readonly Parameter[], where: string): void {
  if (!Array.isArray(parameters)) throw new LayerOptionError(`layer '${where}': expected parameters to be an array, got ${describeValue(parameters)}`);
  const seen = new Set<string>();
  for (const parameter of parameters) {
    if (parameter === null || typeof parameter !== 'object' || typeof parameter.name !== 'string' || parameter.name.length === 0) {
      throw new LayerOptionError(`layer '${where}': expected each parameter to have a non-empty name, got ${describeValue(parameter)}`);
    }
    if (seen.has(parameter.name)) throw new LayerOptionError(`layer '${where}': parameter '${parameter.name}' is declared twice`);
    seen.add(parameter.name);
    if (typeof parameter.shape !== 'function') {
      throw new LayerOptionError(`layer '${where}': expected parameter '${parameter.name}' to have a shape function (inputShapes) => shape, got ${describeValue(parameter.shape)}`);
    }
    resolveInitializer(parameter.initializer, `layer '${where}' parameter '${parameter.name}'`);
  }
}

/**
 * What {@link mergeModels} returns: the merged nodes and, for each model given, the id its
 * output has among them.
 *
 * @example
 * ```ts
 * import type { MergedModels } from '@qaxon/graph/internals';
 * const outputOf = (merged: MergedModels, index: number) => merged.nodes[merged.outputs[index]!];
 * ```
 */
export interface MergedModels {
  /** The nodes of every model, each distinct node once. */
  readonly nodes: Record<number, Node>;
  /** The id of each model's output among `nodes`, in the order the models were given. */
  readonly outputs: number[];
}

/**
 * Merges the nodes of several models, so a builder can combine them. Ids are only unique
 * within a model, so two models built apart may use the same id for different nodes. A
 * node is shared when it is the same node with the same parents — a model used twice, or
 * an input used by two branches, stays one node; any other node whose id is taken gets a
 * fresh id (and its children new parent ids). A renumbered node is a copy that keeps the
 * original's `opts`, `meta` and `parameters` records, which is how it is still known as
 * the same node when it meets the original again (a copy with other records, as
 * `rewriteNodes` makes, is another node: a model and its rewrite combine as two
 * branches). Nodes a model's output does not depend on are left out.
 *
 * @example
 * ```ts
 * import { dense, input } from '@qaxon/graph';
 * import { mergeModels } from '@qaxon/graph/internals';
 * const x = input('x');
 * const merged = mergeModels([dense(x, 2), dense(x, 3), input('y')]);
 * console.log(Object.keys(merged.nodes).length, merged.outputs); // 4 [2, 3, 4]: x is shared
 * ```
 */
export function mergeModels(models: readonly Model<ModelOutput>[]): MergedModels {
  const nodes: Record<number, Node> = {};
  const placed = new Map<object, number[]>();
  let fresh = Math.max(0, ...models.map((model) => nextNodeId(model.nodes) - 1)) + 1;
  const place = (node: Node, id: number): void => {
    nodes[id] = node;
    placed.set(node.opts, [...(placed.get(node.opts) ?? []), id]);
  };
  const outputs = models.map((model) => {
    const all = Object.values(model.nodes);
    if (all.every((node) => nodes[node.id] === undefined || nodes[node.id] === node)) {
      // No id is taken by another node: the model's nodes go in as they are.
      for (const node of all) if (nodes[node.id] === undefined) place(node, node.id);
      return model.output;
    }
    const idOf = new Map<number, number>();
    for (const node of graphOrder(model)) {
      const parents = node.parents.map((parent) => idOf.get(parent)!);
      const same = (placed.get(node.opts) ?? []).find((id) => isSameNode(nodes[id]!, node) && sameIds(nodes[id]!.parents, parents));
      if (same !== undefined) {
        idOf.set(node.id, same);
        continue;
      }
      const id = nodes[node.id] === undefined ? node.id : fresh++;
      place(id === node.id && sameIds(node.parents, parents) ? node : Object.freeze({ ...node, id, parents: Object.freeze(parents) }), id);
      idOf.set(node.id, id);
    }
    return idOf.get(model.output)!;
  });
  return { nodes, outputs };
}

/** The same node, wherever it is numbered: the same records (a renumbered copy keeps them). */
function isSameNode(a: Node, b: Node): boolean {
  return a.opts === b.opts && a.meta === b.meta && a.parameters === b.parameters && a.op === b.op && a.opName === b.opName && a.name === b.name;
}

function sameIds(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((id, index) => id === b[index]);
}
