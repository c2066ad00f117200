import type { OpLayerImplementation, ShapeContext } from './layer-implementation.js';
import { expectInputCount, f32Spec, opOutputShape } from './op-shape.js';

function matMulAttrs(context: ShapeContext): { transposeA: boolean; transposeB: boolean } {
  const { transposeA, transposeB } = context.node.opts as { transposeA?: boolean; transposeB?: boolean };
  return { transposeA: transposeA ?? false, transposeB: transposeB ?? false };
}

/**
 * The `matMul` layer: one batched `matMul` op call, `a [..., m, k] · b [..., k, n]`
 * (batch axes broadcast), each side transposed on its last two axes when the node's
 * `transposeA` / `transposeB` say so.
 *
 * @example
 * ```ts
 * import { BUILT_IN_LAYERS } from '@qaxon/graph';
 * console.log('matMul' in BUILT_IN_LAYERS); // true
 * ```
 */
export const matMulLayer: OpLayerImplementation = {
  outputShape(inputShapes, context) {
    expectInputCount(inputShapes, 2, 2, context);
    return opOutputShape('matMul', { a: f32Spec(inputShapes[0]!), b: f32Spec(inputShapes[1]!) }, matMulAttrs(context), context);
  },
  predict: ([a, b], _parameters, context) => context.run('matMul', { a: a!, b: b! }, matMulAttrs(context)),
};
