import { denseActivationCall, denseActivationOf, type DenseAttrs, type Handle } from '@qaxon/tensor';
import type { HandleStore } from '../handles/handle-store.js';

type Kernel = (inputs: never, attrs: never) => unknown;
const DENSE_OPS = ['dense', 'quantizedDense', 'dynamicQuantizedDense'] as const;

/**
 * Gives the dense kernels of `table` their `activation` attribute (`DenseAttrs`): the dense
 * kernel runs as before, then the module's own kernel of that activation (softmax along
 * the last axis) on its output, which is released; so a fused call gives exactly the bits
 * of the two ops in a row, with no download between them and no new code in the module.
 * A dense kernel the table lacks stays absent.
 *
 * @example
 * ```text
 * const table = { ...denseKernels(store, context), ...mapKernels(store, heap, exports), ... };
 * withDenseActivations(table, store);
 * const y = table.dense({ x, kernel, bias }, { activation: 'relu' });
 * ```
 */
export function withDenseActivations(table: Record<string, Kernel>, store: HandleStore): void {
  for (const op of DENSE_OPS) {
    const dense = table[op] as ((inputs: unknown, attrs: unknown) => Handle) | undefined;
    if (dense === undefined) continue;
    table[op] = ((inputs: unknown, attrs: DenseAttrs | undefined) => {
      const activation = denseActivationOf(op, attrs);
      const plain = dense(inputs, NO_ATTRS);
      if (activation === undefined) return plain;
      const call = denseActivationCall(activation);
      const kernel = table[call.op] as ((inputs: { x: Handle }, attrs: unknown) => Handle) | undefined;
      if (kernel === undefined) throw new Error(`@qaxon/kernel-wasm: no ${call.op} kernel for the activation of ${op}`);
      try {
        return kernel({ x: plain }, call.attrs);
      } finally {
        store.release(plain);
      }
    }) as Kernel;
  }
}

const NO_ATTRS = Object.freeze({});
