import { describeValue } from '@qaxon/tensor';
import { GraphStructureError, LayerOptionError } from '../errors.js';
import { resolveInitializer } from '../initializers/initializers.js';
import { freezeNode, isModel, makeModel, newNodeId, type Model, type Node, type Parameter } from '../model.js';

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
  });
  const name = checkName(options.name, op);
  const opName = options.opName ?? op;
  if (typeof opName !== 'string' || opName.length === 0) {
    throw new LayerOptionError(`layer '${op}': expected a non-empty opName, got ${describeValue(opName)}`);
  }
  const parameters = options.parameters ?? [];
  checkParameters(parameters, name ?? op);
  const node = freezeNode({
    id: newNodeId(),
    name,
    op,
    opName,
    parents: inputs.map((model) => model.output),
    parameters,
    meta: options.meta ?? {},
    opts: options.opts ?? {},
  });
  return makeModel({ ...mergeNodes(inputs), [node.id]: node }, node.id);
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
}

/**
 * Adds an input layer (Axon's `Axon.input`). Inputs are named explicitly; `init` and
 * `predict` take one tensor, or a record of tensors by input name. A declared `shape` is
 * checked against what you pass (`null` axes match any size).
 *
 * @example
 * ```ts
 * import { input } from '@qaxon/graph';
 * const pixels = input('pixels', { shape: [null, 784] });
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
  return layer('input', [], { name, opName: 'input', opts: { shape: shape === undefined ? null : Object.freeze([...shape]) } });
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
 * The union of the node records of several models. A node id that two models define
 * differently (for example a model and its rewritten copy) is an error.
 *
 * @example
 * ```ts
 * import { input } from '@qaxon/graph';
 * import { mergeNodes } from '@qaxon/graph/internals';
 * const nodes = mergeNodes([input('a'), input('b')]); // two nodes
 * ```
 */
export function mergeNodes(models: readonly Model[]): Record<number, Node> {
  const merged: Record<number, Node> = {};
  for (const model of models) {
    for (const [key, node] of Object.entries(model.nodes)) {
      const id = Number(key);
      const existing = merged[id];
      if (existing !== undefined && existing !== node) {
        throw new GraphStructureError(
          `node id ${id} is defined twice with different contents (op '${existing.op}' and op '${node.op}'): models from before and after a rewrite cannot be combined`,
        );
      }
      merged[id] = node;
    }
  }
  return merged;
}
