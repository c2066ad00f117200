import { DuplicateNameError } from '../errors.js';
import type { Model, ModelOutput, Node } from '../model.js';
import { describeNode, graphOrder } from './graph-order.js';

/**
 * A node with its resolved layer name.
 *
 * @example
 * ```ts
 * import { dense, input } from '@qaxon/graph';
 * import { resolveNames, type NamedNode } from '@qaxon/graph/internals';
 * const named: NamedNode[] = resolveNames(dense(input('x'), 2));
 * console.log(named.map((entry) => entry.name)); // ['x', 'dense_0']
 * ```
 */
export interface NamedNode {
  /** The layer name: the explicit one, or `<opName>_<n>`. */
  readonly name: string;
  /** The node. */
  readonly node: Node;
}

/**
 * Resolves every layer name, in graph order, exactly as Axon does: a node with an explicit
 * `name` keeps it; any other is `<opName>_<n>` where `n` counts the nodes of the same
 * `opName` met before it in graph order (explicitly named ones included). Two layers with
 * the same name throw a {@link DuplicateNameError}.
 *
 * @example
 * ```ts
 * import { dense, input, relu } from '@qaxon/graph';
 * import { resolveNames } from '@qaxon/graph/internals';
 * const model = dense(relu(dense(input('x'), 4)), 2);
 * console.log(resolveNames(model).map((entry) => entry.name)); // ['x', 'dense_0', 'relu_0', 'dense_1']
 * ```
 */
export function resolveNames(model: Model<ModelOutput>): NamedNode[] {
  const counts = new Map<string, number>();
  const owners = new Map<string, Node>();
  return graphOrder(model).map((node) => {
    const count = counts.get(node.opName) ?? 0;
    counts.set(node.opName, count + 1);
    const name = node.name ?? `${node.opName}_${count}`;
    const owner = owners.get(name);
    if (owner !== undefined) {
      throw new DuplicateNameError(
        `duplicate layer name '${name}': used by ${describeNode(owner)} and by ${describeNode(node)}; expected every layer name to be unique (names without an explicit one are <opName>_<n>)`,
      );
    }
    owners.set(name, node);
    return { name, node };
  });
}
