import { sizeOf, type Handle, type OpAttrs, type OpInputs } from '@qaxon/tensor';
import type { HandleStore } from '../handles/handle-store.js';
import type { WasmHeap } from '../memory/wasm-heap.js';
import type { KernelExports } from '../wasm/kernel-exports.js';
import { withInputRows } from './input-rows.js';

/**
 * `layerNorm` and `rmsNorm` along the last axis on the f64x2 SIMD kernels (`asm/norms.ts`):
 * float64 sums, each output computed as the reference does and rounded once (the sums'
 * order differs, so an output may differ by one f32 rounding step; see `precision.ts`).
 *
 * @example
 * ```text
 * const { rmsNorm } = normKernels(store, heap, exports);
 * const y = rmsNorm({ x, gamma }, { eps: 1e-6 });
 * ```
 */
export function normKernels(
  store: HandleStore,
  heap: WasmHeap,
  exports: KernelExports,
): { [O in 'layerNorm' | 'rmsNorm']: (inputs: OpInputs<O>, attrs: OpAttrs<O>) => Handle } {
  const run = (x: Handle, parameters: (Handle | undefined)[], compute: (addresses: number[], rows: number, width: number) => void): Handle => {
    const width = x.shape[x.shape.length - 1] ?? 1;
    const rows = width === 0 ? 0 : sizeOf(x.shape) / width;
    const { handle, block } = store.allocateRows(x.shape, 'f32');
    try {
      withInputRows(store, heap, [x, ...parameters], (addresses) => {
        if (rows > 0) compute([...addresses, block], rows, width);
      });
    } catch (error) {
      store.release(handle);
      throw error;
    }
    return handle;
  };
  return {
    layerNorm: ({ x, gamma, beta }, { eps }) =>
      run(x, [gamma, beta], ([xAt, gammaAt, betaAt, out], rows, width) => exports.layerNormF64(xAt!, gammaAt!, betaAt!, out!, rows, width, eps)),
    rmsNorm: ({ x, gamma }, { eps }) => run(x, [gamma], ([xAt, gammaAt, out], rows, width) => exports.rmsNormF64(xAt!, gammaAt!, out!, rows, width, eps)),
  };
}
