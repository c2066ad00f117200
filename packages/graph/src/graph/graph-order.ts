import { describeValue } from '@qaxon/tensor';
import { GraphStructureError } from '../errors.js';
import { isModel, type Model, type ModelOutput, type Node } from '../model.js';

/**
 * How a node is described in messages before names are resolved: its explicit name, or
 * its op and id.
 *
 * @example
 * ```ts
 * import { input } from '@qaxon/graph';
 * import { describeNode } from '@qaxon/graph/internals';
 * const x = input('x');
 * console.log(describeNode(x.nodes[x.output]!)); // "'x' (op input)"
 * ```
 */
export function describeNode(node: Node): string {
  return node.name === undefined ? `node #${node.id} (op ${node.op})` : `'${node.name}' (op ${node.op})`;
}

/**
 * The nodes that the output depends on, in graph order: a depth-first walk from the
 * output that lists every node after its parents, parents in their declared order — the
 * order Axon compiles (and names) layers in. Nodes the output does not depend on are left
 * out. Throws a {@link GraphStructureError} for a cycle (naming the nodes on it), a parent
 * id with no node, an output id with no node, or a node stored under another id.
 *
 * @example
 * ```ts
 * import { dense, input } from '@qaxon/graph';
 * import { graphOrder } from '@qaxon/graph/internals';
 * const order = graphOrder(dense(input('x'), 2));
 * console.log(order.map((node) => node.op)); // ['input', 'dense']
 * ```
 */
export function graphOrder(model: Model<ModelOutput>): Node[] {
  if (!isModel(model)) throw new GraphStructureError(`expected a model { nodes, output }, got ${describeValue(model)}`);
  const nodeOf = (id: number, neededBy: string): Node => {
    const node = model.nodes[id];
    if (node === undefined || node === null) throw new GraphStructureError(`${neededBy} refers to node id ${describeValue(id)}, which is not in the model (a dangling node reference)`);
    if (node.id !== id) throw new GraphStructureError(`node stored under id ${id} says its id is ${describeValue(node.id)}; ids must match their keys`);
    if (!Array.isArray(node.parents)) throw new GraphStructureError(`${describeNode(node)}: expected parents to be an array of node ids, got ${describeValue(node.parents)}`);
    return node;
  };
  const order: Node[] = [];
  const state = new Map<number, 'visiting' | 'done'>();
  const stack: { node: Node; next: number }[] = [{ node: nodeOf(model.output, 'the model output'), next: 0 }];
  state.set(model.output, 'visiting');
  while (stack.length > 0) {
    const frame = stack[stack.length - 1]!;
    if (frame.next === frame.node.parents.length) {
      stack.pop();
      state.set(frame.node.id, 'done');
      order.push(frame.node);
      continue;
    }
    const parentId = frame.node.parents[frame.next]!;
    frame.next += 1;
    const seen = state.get(parentId);
    if (seen === 'done') continue;
    if (seen === 'visiting') {
      const start = stack.findIndex((entry) => entry.node.id === parentId);
      const cycle = [...stack.slice(start).map((entry) => describeNode(entry.node)), describeNode(stack[start]!.node)];
      throw new GraphStructureError(`the graph has a cycle: ${cycle.join(' -> ')} (each node must come after its parents)`);
    }
    const parent = nodeOf(parentId, describeNode(frame.node));
    state.set(parentId, 'visiting');
    stack.push({ node: parent, next: 0 });
  }
  return order;
}
