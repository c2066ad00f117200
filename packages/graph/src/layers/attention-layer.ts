import type { AttentionAttrs, Shape, TensorSpec } from '@qaxon/tensor';
import type { OpLayerImplementation, ShapeContext } from './layer-implementation.js';
import { expectInputCount, f32Spec, opOutputShape, s32Spec } from './op-shape.js';

/** The `attention` op's attributes from the node's opts. */
function attentionAttrs(context: ShapeContext): AttentionAttrs {
  const { heads, kvHeads, causal, scale } = context.node.opts as { heads: number; kvHeads?: number; causal?: boolean; scale?: number };
  return { heads, kvHeads: kvHeads ?? heads, causal: causal ?? false, ...(scale === undefined ? {} : { scale }) };
}

function attentionSpecs(inputShapes: readonly Shape[]): { query: TensorSpec; key: TensorSpec; value: TensorSpec; mask?: TensorSpec } {
  const [query, key, value, mask] = inputShapes;
  const specs = { query: f32Spec(query!), key: f32Spec(key!), value: f32Spec(value!) };
  return mask === undefined ? specs : { ...specs, mask: s32Spec(mask) };
}

/**
 * The `attention` layer: one `attention` op call (scaled dot-product attention with
 * grouped-query heads, optional causal mask and padding mask) on its inputs
 * `query [batch, queries, heads · headDim]`, `key`/`value [batch, keys, kvHeads · headDim]`
 * and optionally an s32 `mask [batch, keys]`, with `heads`, `kvHeads`, `causal`, `scale`
 * from the node's opts.
 *
 * @example
 * ```ts
 * import { BUILT_IN_LAYERS } from '@qaxon/graph';
 * console.log('attention' in BUILT_IN_LAYERS); // true
 * ```
 */
export const attentionLayer: OpLayerImplementation = {
  outputShape(inputShapes, context) {
    expectInputCount(inputShapes, 3, 4, context);
    return opOutputShape('attention', attentionSpecs(inputShapes), attentionAttrs(context), context);
  },
  predict([query, key, value, mask], _parameters, context) {
    const inputs = { query: query!, key: key!, value: value! };
    return context.run('attention', mask === undefined ? inputs : { ...inputs, mask }, attentionAttrs(context));
  },
};
