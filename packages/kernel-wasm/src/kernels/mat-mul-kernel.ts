import { broadcastStrides, matMulDimensions, sizeOf, stridesOf, type Handle, type OpAttrs, type OpInputs } from '@qaxon/tensor';
import type { HandleStore } from '../handles/handle-store.js';
import type { WasmHeap } from '../memory/wasm-heap.js';
import type { KernelExports } from '../wasm/kernel-exports.js';
import { withInputRows } from './input-rows.js';

/**
 * `matMul` on the f32 SIMD kernel (`asm/mat-mul.ts`), one call per matrix of the broadcast
 * batch: a transposed `a` is read in place through its strides, a transposed `b` is first
 * transposed into scratch (once per distinct `b` matrix). Float32 sums in ascending k.
 *
 * @example
 * ```text
 * const { matMul } = matMulKernel(store, heap, exports);
 * const y = matMul({ a, b }, { transposeB: true });
 * ```
 */
export function matMulKernel(store: HandleStore, heap: WasmHeap, exports: KernelExports): { matMul: (inputs: OpInputs<'matMul'>, attrs: OpAttrs<'matMul'>) => Handle } {
  return {
    matMul({ a, b }, attrs) {
      const { batchShape, m, k, n, outputShape } = matMulDimensions({ a, b }, attrs);
      const transposeA = attrs.transposeA === true;
      const transposeB = attrs.transposeB === true;
      const aBatchStrides = broadcastStrides(a.shape.slice(0, -2), batchShape);
      const bBatchStrides = broadcastStrides(b.shape.slice(0, -2), batchShape);
      const batchStrides = stridesOf(batchShape);
      const batches = sizeOf(batchShape);
      const { handle, block } = store.allocateRows(outputShape, 'f32');
      const scratch = transposeB ? heap.allocate(k * n * 4) : 0;
      try {
        withInputRows(store, heap, [a, b], ([aAt, bAt]) => {
          if (m * n === 0) return;
          if (k === 0) {
            heap.f32(block, batches * m * n).fill(0);
            return;
          }
          const aRow = (transposeA ? 1 : k) * 4;
          const aColumn = (transposeA ? m : 1) * 4;
          let transposed = -1;
          for (let batch = 0; batch < batches; batch++) {
            let aMatrix = 0;
            let bMatrix = 0;
            for (let axis = 0; axis < batchShape.length; axis++) {
              const index = Math.floor(batch / batchStrides[axis]!) % batchShape[axis]!;
              aMatrix += index * aBatchStrides[axis]!;
              bMatrix += index * bBatchStrides[axis]!;
            }
            let bRows = bAt! + bMatrix * k * n * 4;
            if (transposeB) {
              if (transposed !== bMatrix) exports.transposeF32(bRows, scratch, n, k);
              transposed = bMatrix;
              bRows = scratch;
            }
            exports.matMulF32(aAt! + aMatrix * m * k * 4, aRow, aColumn, bRows, block + batch * m * n * 4, m, k, n);
          }
        });
      } catch (error) {
        store.release(handle);
        throw error;
      } finally {
        if (scratch !== 0) heap.release(scratch);
      }
      return handle;
    },
  };
}
