import type { Handle } from '@qaxon/tensor';
import type { HandleStore } from '../handles/handle-store.js';
import type { WasmHandle } from '../handles/wasm-handle.js';
import type { WasmHeap } from '../memory/wasm-heap.js';

/**
 * Runs `body` with the row-major addresses of `inputs` in the module's memory (0 for an
 * absent input), then frees the temporary copies `rowsOf` made (f32 weights held as panels).
 *
 * @example
 * ```text
 * const y = withInputRows(store, heap, [x, gamma], ([xAt, gammaAt]) => exports.rmsNormF32(xAt, gammaAt, ...));
 * ```
 */
export function withInputRows<T>(store: HandleStore, heap: WasmHeap, inputs: readonly (Handle | undefined)[], body: (addresses: number[]) => T): T {
  const temporaries: number[] = [];
  try {
    const addresses = inputs.map((input) => {
      if (input === undefined) return 0;
      const { block, temporary } = store.rowsOf(input as WasmHandle);
      if (temporary) temporaries.push(block);
      return block;
    });
    return body(addresses);
  } finally {
    for (const block of temporaries) heap.release(block);
  }
}
