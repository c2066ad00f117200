import { describeValue } from '@qaxon/tensor';
import { GraphStructureError } from '../errors.js';
import { graphOrder } from '../graph/graph-order.js';
import { resolveNames } from '../graph/resolve-names.js';
import { freezeNode, makeModel, type Model, type ModelOutput, type Node } from '../model.js';

/**
 * What the selector of {@link rewriteNodes} learns besides the node: its resolved name.
 *
 * @example
 * ```ts
 * import type { NodeInfo } from '@qaxon/graph';
 * const isFirstDense = (info: NodeInfo) => info.name === 'dense_0';
 * ```
 */
export interface NodeInfo {
  /** The layer name the node has in this model (`dense_0`, or its explicit name). */
  readonly name: string;
}

/**
 * A rewriter: given the node, returns the node that replaces it. The replacement keeps
 * the original `id` (whatever it says), so every edge into it still holds; its `parents`
 * may be changed to other existing nodes.
 *
 * @example
 * ```ts
 * import type { NodeRewriter } from '@qaxon/graph';
 * const toGelu: NodeRewriter = (node) => ({ ...node, op: 'gelu', opName: 'gelu' });
 * ```
 */
export type NodeRewriter = (node: Node) => Node;

/**
 * Returns a new model in which every node for which `select(node, info)` returns a
 * rewriter is replaced by what that rewriter returns, and every node for which it returns
 * `'skip'` is kept (Axon's `Axon.rewrite_nodes`). The model given is not changed; the
 * output id is the same. Selectors run in graph order, on the original nodes.
 *
 * To replace a layer and keep its name, keep `name` (an explicit name, or `undefined` for
 * a generated one) and `opName`: the replacement then resolves to the same name, so the
 * model state still fits. Turning every dense layer into a weight-only int8 one:
 *
 * @example
 * ```ts
 * import { dense, input, properties, rewriteNodes } from '@qaxon/graph';
 * const model = dense(dense(input('x'), 8, { activation: 'relu' }), 2);
 * const quantized = rewriteNodes(model, (node) =>
 *   node.op === 'dense' ? (dense) => ({ ...dense, op: 'quantizedDense' }) : 'skip',
 * );
 * console.log(properties(quantized)); // { x: 'input', dense_0: 'dense', relu_0: 'relu', dense_1: 'dense' }
 * ```
 */
export function rewriteNodes<O extends ModelOutput>(model: Model<O>, select: (node: Node, info: NodeInfo) => 'skip' | NodeRewriter): Model<O> {
  if (typeof select !== 'function') throw new GraphStructureError(`rewriteNodes: expected a function node => 'skip' | rewriter, got ${describeValue(select)}`);
  const nodes: Record<number, Node> = { ...model.nodes };
  for (const { name, node } of resolveNames(model)) {
    const decision = select(node, { name });
    if (decision === 'skip') continue;
    if (typeof decision !== 'function') {
      throw new GraphStructureError(`rewriteNodes: for layer ${name} expected 'skip' or a rewriter function, got ${describeValue(decision)}`);
    }
    nodes[node.id] = replacementFor(node, decision(node), name);
  }
  return checked(makeModel<O>(nodes, model.output));
}

/**
 * Returns a new model with `fn` applied to every node (Axon's `Axon.map_nodes`); each
 * result keeps the original id.
 *
 * @example
 * ```ts
 * import { dense, input, mapNodes } from '@qaxon/graph';
 * const tagged = mapNodes(dense(input('x'), 2), (node) => ({ ...node, meta: { ...node.meta, source: 'v1' } }));
 * ```
 */
export function mapNodes<O extends ModelOutput>(model: Model<O>, fn: (node: Node) => Node): Model<O> {
  const nodes: Record<number, Node> = {};
  for (const node of Object.values(model.nodes)) nodes[node.id] = replacementFor(node, fn(node), node.name ?? `node #${node.id}`);
  return checked(makeModel<O>(nodes, model.output));
}

/**
 * Folds over the nodes in graph order (Axon's `Axon.reduce_nodes`, same argument order:
 * the node first, then the accumulator), with each node's resolved name.
 *
 * @example
 * ```ts
 * import { dense, input, reduceNodes } from '@qaxon/graph';
 * const denseCount = reduceNodes(dense(dense(input('x'), 4), 2), 0, (node, count) => count + (node.opName === 'dense' ? 1 : 0));
 * console.log(denseCount); // 2
 * ```
 */
export function reduceNodes<A>(model: Model<ModelOutput>, initial: A, fn: (node: Node, accumulator: A, info: NodeInfo) => A): A {
  let accumulator = initial;
  for (const { name, node } of resolveNames(model)) accumulator = fn(node, accumulator, { name });
  return accumulator;
}

function replacementFor(original: Node, replacement: unknown, name: string): Node {
  if (replacement === null || typeof replacement !== 'object') {
    throw new GraphStructureError(`rewriting layer ${name}: expected the rewriter to return a node, got ${describeValue(replacement)}`);
  }
  const candidate = replacement as Partial<Node>;
  if (typeof candidate.op !== 'string' || candidate.op.length === 0 || typeof candidate.opName !== 'string' || !Array.isArray(candidate.parents)) {
    throw new GraphStructureError(`rewriting layer ${name}: expected a node with a string op and opName and a parents array, got ${describeValue(replacement)}`);
  }
  return freezeNode({
    id: original.id,
    name: candidate.name,
    op: candidate.op,
    opName: candidate.opName,
    parents: candidate.parents,
    parameters: candidate.parameters ?? [],
    meta: candidate.meta ?? {},
    opts: candidate.opts ?? {},
  });
}

function checked<O extends ModelOutput>(model: Model<O>): Model<O> {
  graphOrder(model);
  return model;
}
