import type { Handle, MaybePromise, OpInputs, QTensor, Tensor } from '@qaxon/tensor';
import type { DenseOp } from './dense-weights.js';
import { chain } from './device-runner.js';
import { GpuSelfTestError } from './errors.js';
import type { GpuHandle } from './handles/gpu-handle.js';
import type { TexelRowOrder } from './kernel-programs.js';
import type { GpuMode } from './modes.js';
import { describeMismatch, selfTestProblem } from './self-test.js';

/** What the self-test drives of a new gpu.js backend. */
export interface SelfTestSubject {
  readonly mode: GpuMode;
  /** Whether the mode is a GL one (texture row order to find, kernels in gpu.js's `'gpu'` mode). */
  readonly gl: boolean;
  /** Packs weights uploaded from now on in `order`. */
  useRowOrder(order: TexelRowOrder): void;
  upload(value: Tensor | QTensor): GpuHandle;
  download(handle: Handle): Tensor;
  release(handle: Handle): void;
  /** The backend's `dense`/`quantizedDense`, without the kernel table's wrapping. */
  dense(op: DenseOp, inputs: OpInputs<DenseOp>): MaybePromise<Handle>;
  resetTransfers(): void;
}

/**
 * Solves the self-test problem through upload, kernel and download (synchronously
 * where the kernels are): `quantizedDense` (on GL modes in each texture row order until
 * one is right) and `dense`. Throws (or rejects with) `GpuSelfTestError`; the transfer
 * counters start at 0 afterwards.
 */
export function runSelfTest(subject: SelfTestSubject): MaybePromise<void> {
  const problem = selfTestProblem();
  const orders: TexelRowOrder[] = subject.gl ? ['flipped', 'upright'] : ['flipped'];
  const failures: string[] = [];
  const tryOrder = (index: number): MaybePromise<void> => {
    if (index >= orders.length) throw new GpuSelfTestError(subject.mode, failures.join('; '));
    const order = orders[index]!;
    subject.useRowOrder(order);
    return chain(selfTestOp(subject, 'quantizedDense', problem.x, problem.quantized, problem.expected), (detail) => {
      if (detail === undefined) return undefined;
      failures.push(orders.length > 1 ? `quantizedDense (${order} texture rows): ${detail}` : `quantizedDense: ${detail}`);
      return tryOrder(index + 1);
    });
  };
  const done = (): void => subject.resetTransfers();
  try {
    const result = chain(tryOrder(0), () =>
      chain(selfTestOp(subject, 'dense', problem.x, problem.float, problem.expected), (detail) => {
        if (detail !== undefined) throw new GpuSelfTestError(subject.mode, `dense: ${detail}`);
      }),
    );
    if (result instanceof Promise) {
      return result.then(done, (error: unknown) => {
        done();
        throw selfTestFailure(subject.mode, error);
      });
    }
    done();
  } catch (error) {
    done();
    throw selfTestFailure(subject.mode, error);
  }
}

/** A mismatch or a gpu.js fallback to another mode, described; `undefined` when all is well. */
function selfTestOp(subject: SelfTestSubject, op: DenseOp, x: Tensor, weights: Tensor | QTensor, expected: Float32Array): MaybePromise<string | undefined> {
  const xHandle = subject.upload(x);
  const kernel = subject.upload(weights);
  const finish = (output: Handle): string | undefined => {
    try {
      const running = runningModes(kernel);
      const expectedKernelMode = subject.gl ? 'gpu' : subject.mode;
      const fallback = running.find((mode) => mode !== expectedKernelMode);
      if (fallback !== undefined) return `gpu.js ran the kernel in '${fallback}' mode instead of '${subject.mode}'`;
      return describeMismatch(subject.download(output).data as Float32Array, expected, weights.shape[1]!);
    } finally {
      subject.release(output);
      subject.release(xHandle);
      subject.release(kernel);
    }
  };
  const output = subject.dense(op, { x: xHandle, kernel });
  return output instanceof Promise ? output.then(finish) : finish(output as Handle);
}

/** The gpu.js modes the kernels of a packed weight ran in. */
function runningModes(kernel: GpuHandle): string[] {
  const storage = kernel.cell.storage;
  const weights = storage.kind === 'weights' ? storage.weights : storage.kind === 'array' ? storage.denseWeights : undefined;
  return weights?.runningModes ?? [];
}

function selfTestFailure(mode: GpuMode, error: unknown): GpuSelfTestError {
  if (error instanceof GpuSelfTestError) return error;
  return new GpuSelfTestError(mode, `a kernel threw ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
}
