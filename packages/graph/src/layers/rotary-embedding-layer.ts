import type { RopeAttrs } from '@qaxon/tensor';
import type { OpLayerImplementation, ShapeContext } from './layer-implementation.js';
import { expectInputCount, f32Spec, opOutputShape, s32Spec } from './op-shape.js';

/** The `rope` op's attributes from the node's opts. */
function ropeAttrs(context: ShapeContext): RopeAttrs {
  const { headDim, theta, interleaved, rotaryDim } = context.node.opts as { headDim: number; theta?: number; interleaved?: boolean; rotaryDim?: number };
  return { headDim, theta: theta ?? 10000, interleaved: interleaved ?? false, ...(rotaryDim === undefined ? {} : { rotaryDim }) };
}

/**
 * The `rotaryEmbedding` layer: one `rope` op call on `x [batch, sequence, heads · headDim]`
 * at the s32 `positions [sequence]` or `[batch, sequence]`, with `headDim`, `theta`,
 * `interleaved` and `rotaryDim` from the node's opts.
 *
 * @example
 * ```ts
 * import { BUILT_IN_LAYERS } from '@qaxon/graph';
 * console.log('rotaryEmbedding' in BUILT_IN_LAYERS); // true
 * ```
 */
export const rotaryEmbeddingLayer: OpLayerImplementation = {
  outputShape(inputShapes, context) {
    expectInputCount(inputShapes, 2, 2, context);
    return opOutputShape('rope', { x: f32Spec(inputShapes[0]!), positions: s32Spec(inputShapes[1]!) }, ropeAttrs(context), context);
  },
  predict: ([x, positions], _parameters, context) => context.run('rope', { x: x!, positions: positions! }, ropeAttrs(context)),
};
