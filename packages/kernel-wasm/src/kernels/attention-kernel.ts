import { attentionDimensions, type Handle, type OpAttrs, type OpInputs } from '@qaxon/tensor';
import type { HandleStore } from '../handles/handle-store.js';
import type { WasmHeap } from '../memory/wasm-heap.js';
import type { KernelExports } from '../wasm/kernel-exports.js';
import { withInputRows } from './input-rows.js';

/**
 * `attention` as one fused SIMD kernel (`asm/attention.ts`): per batch entry, head and query,
 * the scores against the keys it may see (padding mask, causal with the KV-cache offset,
 * grouped-query heads), a stable softmax and the weighted sum of the values; queries without
 * a causal limit go in blocks of four, whose `4 · keys` scores are the only intermediate.
 * Float32 arithmetic (see `precision.ts`).
 *
 * @example
 * ```text
 * const { attention } = attentionKernel(store, heap, exports);
 * const y = attention({ query, key, value, mask }, { heads: 12, kvHeads: 12, causal: false });
 * ```
 */
export function attentionKernel(
  store: HandleStore,
  heap: WasmHeap,
  exports: KernelExports,
): { attention: (inputs: OpInputs<'attention'>, attrs: OpAttrs<'attention'>) => Handle } {
  return {
    attention(inputs, attrs) {
      const { batch, queries, keys, heads, kvHeads, headDim, scale } = attentionDimensions(inputs, attrs);
      const { handle, block } = store.allocateRows(inputs.query.shape, 'f32');
      const scores = heap.allocate(4 * ((keys + 3) & ~3) * 4 + 16); // the scores of a block of four queries
      try {
        withInputRows(store, heap, [inputs.query, inputs.key, inputs.value, inputs.mask], ([q, k, v, mask]) =>
          exports.attentionF32(q!, k!, v!, mask!, block, scores, batch, queries, keys, heads, kvHeads, headDim, scale, attrs.causal ? 1 : 0),
        );
      } catch (error) {
        store.release(handle);
        throw error;
      } finally {
        heap.release(scores);
      }
      return handle;
    },
  };
}
