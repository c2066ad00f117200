import { resolveNames } from '../graph/resolve-names.js';
import type { Model, ModelOutput } from '../model.js';

/**
 * Every layer name with its op name, in graph order (Axon's `Axon.properties`). A
 * weight-only quantized dense layer keeps `opName: 'dense'`, so it is reported as
 * `dense`.
 *
 * @example
 * ```ts
 * import { dense, input, properties } from '@qaxon/graph';
 * console.log(properties(dense(input('x'), 10, { activation: 'relu' })));
 * // { x: 'input', dense_0: 'dense', relu_0: 'relu' }
 * ```
 */
export function properties(model: Model<ModelOutput>): Record<string, string> {
  const result: Record<string, string> = {};
  for (const { name, node } of resolveNames(model)) result[name] = node.opName;
  return result;
}
