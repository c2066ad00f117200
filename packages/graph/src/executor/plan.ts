import { describeValue } from '@qaxon/tensor';
import { GraphStructureError, LayerOptionError, UnknownOpError } from '../errors.js';
import { resolveNames } from '../graph/resolve-names.js';
import type { LayerImplementation, LayerTable } from '../layers/layer-implementation.js';
import type { Model, ModelOutput, Node } from '../model.js';
import type { FusedActivation } from './fuse-activations.js';

/**
 * One step of a built model: a node with its resolved name, its implementation (none for
 * `input` and `container` nodes) and the positions of its parents among the earlier steps.
 *
 * @example
 * ```ts
 * import { BUILT_IN_LAYERS, dense, input } from '@qaxon/graph';
 * import { planGraph, type PlannedLayer } from '@qaxon/graph/internals';
 * const steps: PlannedLayer[] = planGraph(dense(input('x'), 2), BUILT_IN_LAYERS);
 * console.log(steps[1]!.parentIndexes); // [0]
 * ```
 */
export interface PlannedLayer {
  /** Resolved layer name. */
  readonly name: string;
  /** The node. */
  readonly node: Node;
  /** Its implementation; `undefined` for `input` nodes and the `container` of a model with several outputs. */
  readonly implementation: LayerImplementation | undefined;
  /** Index in the plan of each parent, in order. */
  readonly parentIndexes: readonly number[];
  /** Set on a dense step merged with the activation step after it (see `fuseDenseActivations`); never set by `planGraph`. */
  readonly fusedActivation?: FusedActivation;
}

/**
 * Orders the graph, resolves names and looks every op up in `layers`: the checks `build`
 * makes before returning. Throws `GraphStructureError` (cycle, dangling node, an input
 * with parents, a container that is not the model's output or whose names do not match its
 * parents), `DuplicateNameError`, or `UnknownOpError` naming the layer and the known
 * ops.
 *
 * @example
 * ```ts
 * import { BUILT_IN_LAYERS, dense, input } from '@qaxon/graph';
 * import { planGraph } from '@qaxon/graph/internals';
 * console.log(planGraph(dense(input('x'), 2), BUILT_IN_LAYERS).map((step) => step.name)); // ['x', 'dense_0']
 * ```
 */
export function planGraph(model: Model<ModelOutput>, layers: LayerTable): PlannedLayer[] {
  const named = resolveNames(model);
  const indexOf = new Map<number, number>();
  return named.map(({ name, node }, index) => {
    indexOf.set(node.id, index);
    const parentIndexes = node.parents.map((id) => indexOf.get(id)!);
    if (node.op === 'input') {
      if (node.parents.length > 0) throw new GraphStructureError(`input '${name}': expected no parents, got ${node.parents.length}`);
      return { name, node, implementation: undefined, parentIndexes };
    }
    if (node.op === 'container') {
      checkContainer(name, node, index === named.length - 1);
      return { name, node, implementation: undefined, parentIndexes };
    }
    const implementation = Object.hasOwn(layers, node.op) ? layers[node.op] : undefined;
    if (implementation === undefined || typeof implementation.predict !== 'function' || typeof implementation.outputShape !== 'function') {
      throw new UnknownOpError(
        `layer ${name}: unknown op '${node.op}'; expected one of input, ${Object.keys(layers).join(', ')} (add an implementation with build(model, { layers: { ${node.op}: ... } }))`,
      );
    }
    const kind: unknown = implementation.kind;
    if (kind !== undefined && kind !== 'ops' && kind !== 'host') {
      throw new LayerOptionError(`layer ${name}: the implementation of op '${node.op}' has kind ${describeValue(kind)}; expected 'ops' (or none: op calls on handles) or 'host' (code on host tensors)`);
    }
    return { name, node, implementation, parentIndexes };
  });
}

/**
 * A container (several outputs) is the output of its model, names each parent once, and
 * holds no container.
 */
function checkContainer(name: string, node: Node, isOutput: boolean): void {
  if (!isOutput) {
    throw new GraphStructureError(`container ${name}: a container (several outputs) can only be the output of a model, but a layer uses it as an input`);
  }
  const names: unknown = node.opts['names'];
  if (!Array.isArray(names) || names.length !== node.parents.length || names.length === 0 || names.some((entry) => typeof entry !== 'string')) {
    throw new GraphStructureError(`container ${name}: expected opts.names to hold one output name per parent (${node.parents.length}), got ${describeValue(names)}`);
  }
  const repeated = names.find((entry, index) => names.indexOf(entry) !== index);
  if (repeated !== undefined) throw new GraphStructureError(`container ${name}: output name '${String(repeated)}' is given twice; expected unique names`);
}
