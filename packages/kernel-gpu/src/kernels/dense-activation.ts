import { KernelUnsupportedError, denseActivationCall, denseActivationOf, type DenseAttrs, type Handle, type MaybePromise } from '@qaxon/tensor';
import { chain } from '../device-runner.js';

type Kernel = (inputs: never, attrs: never) => MaybePromise<Handle>;
const DENSE_OPS = ['dense', 'quantizedDense', 'dynamicQuantizedDense'] as const;

/**
 * Gives the dense kernels of `table` their `activation` attribute (`DenseAttrs`) by
 * composition: the dense kernel, then this backend's kernel of the activation (softmax
 * along the last axis) on its output, which is then released. The two run exactly as they
 * would one after the other (a texture stays on the GPU between them), so the fused op
 * gives the bits of the pair. An activation the mode has no kernel for is refused with
 * `KernelUnsupportedError` (the executor then runs the fused op on the reference backend).
 *
 * @example
 * ```text
 * const table = { dense: ..., relu: ..., softmax: ... };
 * withDenseActivations(table, (handle) => backend.release(handle));
 * ```
 */
export function withDenseActivations(table: Record<string, Kernel>, release: (handle: Handle) => void): void {
  for (const op of DENSE_OPS) {
    const dense = table[op] as ((inputs: unknown, attrs: unknown) => MaybePromise<Handle>) | undefined;
    if (dense === undefined) continue;
    table[op] = ((inputs: unknown, attrs: DenseAttrs | undefined) => {
      const activation = denseActivationOf(op, attrs);
      if (activation === undefined) return dense(inputs, NO_ATTRS);
      const call = denseActivationCall(activation);
      const next = table[call.op] as ((inputs: { x: Handle }, attrs: unknown) => MaybePromise<Handle>) | undefined;
      if (next === undefined) throw new KernelUnsupportedError(op, `this mode has no ${call.op} kernel for the activation`);
      return chain(dense(inputs, NO_ATTRS), (plain) => {
        const done = (): void => release(plain);
        let output: MaybePromise<Handle>;
        try {
          output = next({ x: plain }, call.attrs);
        } catch (error) {
          done();
          throw error;
        }
        if (output instanceof Promise) return output.finally(done);
        done();
        return output;
      });
    }) as Kernel;
  }
}

const NO_ATTRS = Object.freeze({});
