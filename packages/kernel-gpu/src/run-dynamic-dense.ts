import { dynamicQuantizedDenseDimensions, quantizeRowsS8, type Handle, type MaybePromise, type OpInputs } from '@qaxon/tensor';
import type { BackendContext } from './backend-context.js';
import type { GpuHandle } from './handles/gpu-handle.js';
import { runDense } from './run-dense.js';

/**
 * `dynamicQuantizedDense` (W8A8): the rows of x quantized on the host (`quantizeRowsS8` of @qaxon/tensor),
 * their integer values run through the `quantizedDense` program (float32 sums of
 * integers: exact while below 2^24) without the bias, then each output times its row's
 * scale plus the bias on the host. Correct rather than fast: one download of x and one of
 * the sums per call.
 */
export function runDynamicDense(context: BackendContext, { x, kernel, bias }: OpInputs<'dynamicQuantizedDense'>): MaybePromise<Handle> {
  const op = 'dynamicQuantizedDense';
  const { rows, inner, units, outputShape } = dynamicQuantizedDenseDimensions({ x, kernel, bias });
  const own = { x: context.own(x, op), kernel: context.own(kernel, op), bias: bias === undefined ? undefined : context.own(bias, op) };
  const quantized = quantizeRowsS8(context.hostData(own.x, op, 'x'), rows, inner);
  const [values, rowScales] = [Float32Array.from(quantized.values), quantized.rowScales];
  const xq = context.make({ kind: 'array', data: values }, [rows, inner], 'f32');
  const finish = (sums: Handle): GpuHandle => {
    try {
      const data = context.hostData(sums as GpuHandle, op, 'sums');
      const biasData = own.bias === undefined ? undefined : context.hostData(own.bias, op, 'bias');
      const out = new Float32Array(rows * units);
      for (let i = 0; i < out.length; i++) out[i] = Math.fround(data[i]! * rowScales[Math.floor(i / units)]!) + (biasData?.[i % units] ?? 0);
      return context.make({ kind: 'array', data: out }, outputShape, 'f32');
    } finally {
      context.release(sums);
    }
  };
  let sums: MaybePromise<Handle>;
  try {
    sums = runDense(context, 'quantizedDense', { x: xq, kernel: own.kernel });
  } catch (error) {
    context.release(xq);
    throw error;
  }
  if (!(sums instanceof Promise)) {
    context.release(xq);
    return finish(sums);
  }
  return sums.then(
    (done) => {
      context.release(xq);
      return finish(done);
    },
    (error: unknown) => {
      context.release(xq);
      throw error;
    },
  );
}
