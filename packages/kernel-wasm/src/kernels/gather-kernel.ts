import { formatShape, inferOpOutput, KernelUnsupportedError, sizeOf, ValueError, type Handle, type OpInputs } from '@qaxon/tensor';
import type { HandleStore } from '../handles/handle-store.js';
import type { WasmHeap } from '../memory/wasm-heap.js';
import { withInputRows } from './input-rows.js';

/**
 * `gather` of a plain float32 table as row copies inside the module's memory, so an
 * embedding lookup leaves the table where it is (the reference fallback would download the
 * whole table for each call: 262 MB for a 32000 x 2048 embedding). Quantized tables throw
 * `KernelUnsupportedError` (they run on the reference backend). Bit-identical to the
 * reference; an index out of range is the reference's `ValueError`.
 *
 * @example
 * ```text
 * const { gather } = gatherKernel(store, heap);
 * const rows = gather({ table: embedding, indices: tokenIds }, {});
 * ```
 */
export function gatherKernel(store: HandleStore, heap: WasmHeap): { gather: (inputs: OpInputs<'gather'>) => Handle } {
  return {
    gather({ table, indices }) {
      if (table.quantization !== undefined) throw new KernelUnsupportedError('gather', 'quantized tables are gathered on the reference backend');
      const { shape } = inferOpOutput('gather', { table, indices }, {});
      const rows = table.shape[0]!;
      const rowSize = sizeOf(table.shape.slice(1));
      const { handle, block } = store.allocateRows(shape, 'f32');
      try {
        withInputRows(store, heap, [table, indices], ([tableBlock, indexBlock]) => {
          const count = sizeOf(indices.shape);
          const index = store.view('s32', indexBlock!, count);
          const source = store.view('f32', tableBlock!, rows * rowSize);
          const out = store.view('f32', block, count * rowSize);
          for (let position = 0; position < count; position++) {
            const row = index[position]!;
            if (row < 0 || row >= rows) {
              throw new ValueError(`gather: expected every index in [0, ${rows}) for the table ${formatShape(table.shape)}, got ${row} at flat position ${position} of indices ${formatShape(indices.shape)}`);
            }
            out.set(source.subarray(row * rowSize, (row + 1) * rowSize), position * rowSize);
          }
        });
      } catch (error) {
        store.release(handle);
        throw error;
      }
      return handle;
    },
  };
}
