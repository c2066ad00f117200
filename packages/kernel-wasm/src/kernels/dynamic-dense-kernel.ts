import { dynamicQuantizedDenseDimensions, KernelUnsupportedError, QTensor, type Handle, type OpInputs } from '@qaxon/tensor';
import type { DenseContext } from '../dense-call.js';
import { runDenseW8A8 } from '../dense-w8a8-call.js';
import type { HandleStore } from '../handles/handle-store.js';
import type { WasmHandle } from '../handles/wasm-handle.js';
import type { KernelExports } from '../wasm/kernel-exports.js';

/**
 * `dynamicQuantizedDense` (W8A8) on the SIMD kernels: `x` and the bias are read where they
 * are in the module's memory, the kernel as the int8 panels `quantizedDense` uses (one
 * upload serves both ops). 4-bit and group-wise weights are refused with
 * `KernelUnsupportedError` (the graph then runs the reference kernel).
 *
 * @example
 * ```text
 * const { dynamicQuantizedDense } = dynamicDenseKernel(store, context, exports);
 * const y = dynamicQuantizedDense({ x, kernel }, {});
 * ```
 */
export function dynamicDenseKernel(store: HandleStore, context: DenseContext, exports: KernelExports): { dynamicQuantizedDense: (inputs: OpInputs<'dynamicQuantizedDense'>) => Handle } {
  const op = 'dynamicQuantizedDense';
  return {
    dynamicQuantizedDense: ({ x, kernel, bias }) => {
      const { rows, outputShape } = dynamicQuantizedDenseDimensions({ x, kernel, bias });
      const packed = store.panelsOf(kernel as WasmHandle);
      if (packed instanceof QTensor || packed.kind !== 's8') {
        const bits = packed instanceof QTensor ? packed.quantization.bits : 4;
        throw new KernelUnsupportedError(op, `the WASM W8A8 kernel takes per-channel int8 weights, got ${bits} bits`);
      }
      const xRows = store.rowsOf(x as WasmHandle);
      const biasRows = bias === undefined ? undefined : store.rowsOf(bias as WasmHandle);
      try {
        const block = runDenseW8A8(context, exports, packed, xRows.block, rows, biasRows?.block ?? 0);
        return store.make({ kind: 'rows', block, bytes: context.heap.sizeOf(block) }, outputShape, 'f32');
      } finally {
        if (xRows.temporary) context.heap.release(xRows.block);
        if (biasRows?.temporary) context.heap.release(biasRows.block);
      }
    },
  };
}
