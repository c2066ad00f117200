import { denseDimensions, KernelUnsupportedError, QTensor, type Handle, type OpInputs } from '@qaxon/tensor';
import { runDense, type DenseContext } from '../dense-call.js';
import { runDenseS4 } from '../dense-s4-call.js';
import type { HandleStore } from '../handles/handle-store.js';
import type { WasmHandle } from '../handles/wasm-handle.js';

/**
 * `dense` and `quantizedDense` on the SIMD kernels: `x` and the bias are read where they
 * are in the module's memory, the kernel as packed panels (an f32 weight is packed on its
 * first use), and the result is a new handle. Quantized weights in a layout the kernels
 * lack (group-wise scales, 4 bits) are refused with `KernelUnsupportedError`.
 *
 * @example
 * ```text
 * const kernels = denseKernels(store, context);
 * const y = kernels.quantizedDense({ x, kernel }, {});
 * ```
 */
export function denseKernels(store: HandleStore, context: DenseContext): {
  dense: (inputs: OpInputs<'dense'>) => Handle;
  quantizedDense: (inputs: OpInputs<'quantizedDense'>) => Handle;
} {
  const run = (op: 'dense' | 'quantizedDense', { x, kernel, bias }: OpInputs<'dense'>): Handle => {
    const { rows, outputShape } = denseDimensions(op, { x, kernel, bias });
    const packed = store.panelsOf(kernel as WasmHandle);
    if (packed instanceof QTensor) {
      const { bits, groupSize } = packed.quantization;
      throw new KernelUnsupportedError(op, `the WASM kernels take per-channel int8 weights, got ${bits} bits${groupSize === undefined ? '' : ` in groups of ${groupSize}`}`);
    }
    const xRows = store.rowsOf(x as WasmHandle);
    const biasRows = bias === undefined ? undefined : store.rowsOf(bias as WasmHandle);
    try {
      const block = (packed.kind === 's4' ? runDenseS4 : runDense)(context, packed, xRows.block, rows, biasRows?.block ?? 0);
      return store.make({ kind: 'rows', block, bytes: context.heap.sizeOf(block) }, outputShape, 'f32');
    } finally {
      if (xRows.temporary) context.heap.release(xRows.block);
      if (biasRows?.temporary) context.heap.release(biasRows.block);
    }
  };
  return {
    dense: (inputs) => run('dense', inputs),
    quantizedDense: (inputs) => run('quantizedDense', inputs),
  };
}
