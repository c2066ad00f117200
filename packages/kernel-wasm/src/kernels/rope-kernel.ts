import { ropeDimensions, type Handle, type OpAttrs, type OpInputs } from '@qaxon/tensor';
import type { HandleStore } from '../handles/handle-store.js';
import type { WasmHeap } from '../memory/wasm-heap.js';
import type { KernelExports } from '../wasm/kernel-exports.js';
import { withInputRows } from './input-rows.js';

/**
 * `rope` on the f64x2 SIMD kernel (`asm/rope.ts`): the cos and sin of every row's angles
 * `position · theta^(-2i / rotaryDim)` are computed here once per call in float64 (one
 * table row per position: `[sequence]` positions shared by the batch, or `[batch,
 * sequence]`), then every head of the row is rotated in float64 and rounded once — the
 * reference's operations, so results are bit-identical to it.
 *
 * @example
 * ```text
 * const { rope } = ropeKernel(store, heap, exports);
 * const y = rope({ x, positions }, { headDim: 64, theta: 10000, interleaved: false });
 * ```
 */
export function ropeKernel(store: HandleStore, heap: WasmHeap, exports: KernelExports): { rope: (inputs: OpInputs<'rope'>, attrs: OpAttrs<'rope'>) => Handle } {
  return {
    rope(inputs, attrs) {
      const { batch, sequence, heads, headDim, rotaryDim, positionsPerBatch } = ropeDimensions(inputs, attrs);
      const rows = batch * sequence;
      const tableRows = positionsPerBatch ? rows : sequence;
      const half = rotaryDim / 2;
      const { handle, block } = store.allocateRows(inputs.x.shape, 'f32');
      const tableBytes = Math.max(1, tableRows * half) * 8;
      const cos = heap.allocate(tableBytes);
      const sin = heap.allocate(tableBytes);
      try {
        withInputRows(store, heap, [inputs.x, inputs.positions], ([x, positions]) => {
          const at = heap.i32(positions!, tableRows);
          const cosines = new Float64Array(heap.memory.buffer, cos, tableRows * half);
          const sines = new Float64Array(heap.memory.buffer, sin, tableRows * half);
          const frequencies = Float64Array.from({ length: half }, (_, i) => Math.pow(attrs.theta, (-2 * i) / rotaryDim));
          for (let r = 0; r < tableRows; r++) {
            for (let i = 0; i < half; i++) {
              const angle = at[r]! * frequencies[i]!;
              cosines[r * half + i] = Math.cos(angle);
              sines[r * half + i] = Math.sin(angle);
            }
          }
          if (rows > 0) exports.ropeF64(x!, block, cos, sin, rows, tableRows, heads, headDim, rotaryDim, attrs.interleaved ? 1 : 0);
        });
      } catch (error) {
        store.release(handle);
        throw error;
      } finally {
        heap.release(cos);
        heap.release(sin);
      }
      return handle;
    },
  };
}
