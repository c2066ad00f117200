import { inferOpOutput, sizeOf, type Handle, type OpAttrs, type OpInputs } from '@qaxon/tensor';
import type { HandleStore } from '../handles/handle-store.js';
import type { WasmHandle } from '../handles/wasm-handle.js';
import type { WasmHeap } from '../memory/wasm-heap.js';
import type { KernelExports } from '../wasm/kernel-exports.js';

/**
 * `softmax`, `logSoftmax` and `reshape` over the module's memory. Along the last axis (or
 * any axis with nothing after it) softmax runs the f32 SIMD kernel `asm/softmax.ts`
 * (within the precision declared in `precision.ts`); along other axes a plain loop
 * follows the reference's float64 steps (the line's maximum, `exp(x - max)` summed in
 * float64, each term divided by the sum), bit-identical. `reshape` copies the row-major
 * data under the new shape.
 *
 * @example
 * ```text
 * const kernels = layoutKernels(store, heap, exports);
 * const y = kernels.softmax({ x }, { axis: -1 });
 * ```
 */
export function layoutKernels(
  store: HandleStore,
  heap: WasmHeap,
  exports: KernelExports,
): { [O in 'softmax' | 'logSoftmax' | 'reshape']: (inputs: OpInputs<O>, attrs: OpAttrs<O>) => Handle } {
  const softmax =
    (log: boolean) =>
    ({ x }: OpInputs<'softmax'>, { axis }: OpAttrs<'softmax'>): Handle => {
      const rank = x.shape.length;
      const along = axis < 0 ? axis + rank : axis;
      const width = x.shape[along]!;
      const inner = sizeOf(x.shape.slice(along + 1));
      const outer = sizeOf(x.shape.slice(0, along));
      const size = sizeOf(x.shape);
      const { handle, block } = store.allocateRows(x.shape, 'f32');
      const source = store.rowsOf(x as WasmHandle);
      try {
        if (inner === 1) {
          if (size > 0) exports.softmaxRowsF32(source.block, block, outer, width, log ? 1 : 0);
          return handle;
        }
        const input = heap.f32(source.block, size);
        const out = heap.f32(block, size);
        const exps = new Float64Array(width);
        for (let o = 0; o < outer; o++) {
          for (let j = 0; j < inner; j++) {
            const start = o * width * inner + j;
            let rowMax = -Infinity;
            for (let i = 0; i < width; i++) rowMax = Math.max(rowMax, input[start + i * inner]!);
            let total = 0;
            for (let i = 0; i < width; i++) {
              exps[i] = Math.exp(input[start + i * inner]! - rowMax);
              total += exps[i]!;
            }
            if (log) {
              const logTotal = Math.log(total);
              for (let i = 0; i < width; i++) out[start + i * inner] = input[start + i * inner]! - rowMax - logTotal;
            } else {
              for (let i = 0; i < width; i++) out[start + i * inner] = exps[i]! / total;
            }
          }
        }
      } finally {
        if (source.temporary) heap.release(source.block);
      }
      return handle;
    };
  return {
    softmax: softmax(false),
    logSoftmax: softmax(true),
    reshape({ x }, attrs) {
      const { shape } = inferOpOutput('reshape', { x }, attrs);
      const size = sizeOf(x.shape);
      const { handle, block } = store.allocateRows(shape, x.dtype);
      const source = store.rowsOf(x as WasmHandle);
      try {
        store.view(x.dtype, block, size).set(store.view(x.dtype, source.block, size) as never);
      } finally {
        if (source.temporary) heap.release(source.block);
      }
      return handle;
    },
  };
}
