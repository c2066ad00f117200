import { denseActivationCall, denseActivationOf, sizeOf, type DenseActivation, type DenseAttrs, type Handle } from '@qaxon/tensor';
import type { HandleStore } from '../handles/handle-store.js';
import type { WasmHandle } from '../handles/wasm-handle.js';
import type { KernelExports } from '../wasm/kernel-exports.js';
import { ACTIVATION_GLOBALS, moduleCode } from './map-kernels.js';

type Kernel = (inputs: never, attrs: never) => unknown;
const DENSE_OPS = ['dense', 'quantizedDense', 'dynamicQuantizedDense'] as const;

/**
 * Gives the dense kernels of `table` their `activation` attribute (`DenseAttrs`): the dense
 * kernel runs as before, then the module's own activation code (`activationF32`, or
 * `softmaxRowsF32` along the last axis) runs in place on the new output block, so a fused
 * call gives exactly the bits of the two ops in a row (the same code on the same values;
 * both read each value before writing it) without a second output handle. A dense output
 * that is not a plain block (none today) gets the activation op's kernel instead.
 *
 * @example
 * ```text
 * const table = { ...denseKernels(store, context), ...mapKernels(store, heap, exports), ... };
 * withDenseActivations(table, store, exports);
 * const y = table.dense({ x, kernel, bias }, { activation: 'relu' });
 * ```
 */
export function withDenseActivations(table: Record<string, Kernel>, store: HandleStore, exports: KernelExports): void {
  const codes: Partial<Record<DenseActivation, number>> = {};
  for (const activation of ['relu', 'sigmoid', 'tanh', 'gelu', 'geluTanh', 'silu'] as const) codes[activation] = moduleCode(exports, ACTIVATION_GLOBALS[activation]);
  const applyInPlace = (activation: DenseActivation, output: WasmHandle): boolean => {
    const rows = store.rowsOf(output);
    if (rows.temporary) return false;
    const size = sizeOf(output.shape);
    if (size === 0) return true;
    if (activation === 'softmax' || activation === 'logSoftmax') {
      const width = output.shape[output.shape.length - 1]!;
      exports.softmaxRowsF32(rows.block, rows.block, size / width, width, activation === 'logSoftmax' ? 1 : 0);
    } else exports.activationF32(codes[activation]!, rows.block, rows.block, size);
    return true;
  };
  for (const op of DENSE_OPS) {
    const dense = table[op] as ((inputs: unknown, attrs: unknown) => Handle) | undefined;
    if (dense === undefined) continue;
    table[op] = ((inputs: unknown, attrs: DenseAttrs | undefined) => {
      const activation = denseActivationOf(op, attrs);
      const plain = dense(inputs, NO_ATTRS);
      if (activation === undefined || applyInPlace(activation, plain as WasmHandle)) return plain;
      const call = denseActivationCall(activation);
      const kernel = table[call.op] as (inputs: { x: Handle }, attrs: unknown) => Handle;
      try {
        return kernel({ x: plain }, call.attrs);
      } finally {
        store.release(plain);
      }
    }) as Kernel;
  }
}

const NO_ATTRS = Object.freeze({});
