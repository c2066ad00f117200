import { referenceBackend } from '@qaxon/kernel-reference';
import type { Backend } from '@qaxon/tensor';

/** The reference backend with every kernel result wrapped in a promise, like a GPU backend. */
export const asyncReferenceBackend: Backend = {
  name: 'async-reference',
  dense: (x, kernel, bias) => Promise.resolve(referenceBackend.dense(x, kernel, bias)),
  quantizedDense: (x, kernel, bias) => Promise.resolve(referenceBackend.quantizedDense(x, kernel, bias)),
};

/** Records which kernels ran. */
export function recordingBackend(): Backend & { calls: string[] } {
  const calls: string[] = [];
  return {
    name: 'recording',
    calls,
    dense: (x, kernel, bias) => {
      calls.push('dense');
      return referenceBackend.dense(x, kernel, bias);
    },
    quantizedDense: (x, kernel, bias) => {
      calls.push('quantizedDense');
      return referenceBackend.quantizedDense(x, kernel, bias);
    },
  };
}
