import type { OpLayerImplementation, ShapeContext } from './layer-implementation.js';
import { expectInputCount, f32Spec, opOutputShape } from './op-shape.js';

function permutationOf(context: ShapeContext): readonly number[] {
  return context.node.opts['permutation'] as readonly number[];
}

/**
 * The `transpose` layer: one `transpose` op call with the node's `permutation` (output
 * axis `i` is input axis `permutation[i]`; negative entries count from the end).
 *
 * @example
 * ```ts
 * import { BUILT_IN_LAYERS } from '@qaxon/graph';
 * console.log('transpose' in BUILT_IN_LAYERS); // true
 * ```
 */
export const transposeLayer: OpLayerImplementation = {
  outputShape(inputShapes, context) {
    expectInputCount(inputShapes, 1, 1, context);
    return opOutputShape('transpose', { x: f32Spec(inputShapes[0]!) }, { permutation: permutationOf(context) }, context);
  },
  predict: ([x], _parameters, context) => context.run('transpose', { x: x! }, { permutation: permutationOf(context) }),
};
