import { QaxonError } from './errors.js';
import type { Handle } from './ops/handle.js';
import type { OpAttrs, OpInputs, OpName } from './ops/op-table.js';
import type { StreamedWeight } from './ops/streamed-weight.js';
import type { QTensor } from './qtensor.js';
import type { Tensor } from './tensor.js';

/**
 * A value or a promise of it: GPU backends (gpu.js WebGPU) compute asynchronously, so
 * callers `await` every kernel result and every download.
 *
 * @example
 * ```ts
 * import type { MaybePromise, Tensor } from '@qaxon/tensor';
 * async function run(result: MaybePromise<Tensor>): Promise<Tensor> {
 *   return await result;
 * }
 * ```
 */
export type MaybePromise<T> = T | Promise<T>;

/**
 * One backend's implementation of op `O`: takes handles it owns (checked by the core:
 * shapes and dtypes fit, see `inferOpOutput`) and returns a handle it owns for the
 * output. It may throw {@link KernelUnsupportedError} for inputs it cannot run (a layout,
 * a size); the caller then runs the op on the reference backend and reports why.
 *
 * @example
 * ```ts
 * import type { Kernel } from '@qaxon/tensor';
 * type ReluKernel = Kernel<'relu'>; // ({ x }, {}) => Handle | Promise<Handle>
 * ```
 */
export type Kernel<O extends OpName> = (inputs: OpInputs<O>, attrs: OpAttrs<O>) => MaybePromise<Handle>;

/**
 * The kernels a backend implements, by op name: any subset of the op table.
 *
 * @example
 * ```ts
 * import type { KernelTable } from '@qaxon/tensor';
 * const none: KernelTable = {};
 * ```
 */
export type KernelTable = { readonly [O in OpName]?: Kernel<O> };

/**
 * How close to the reference a backend's op results are, as the conformance suite checks
 * them: `|y - y_ref| <= absolute + relative * (n + 2) * magnitude`, `n` the op's reduction
 * length and `magnitude` the sum of the absolute terms (see the suite for each op).
 * `{ relative: 0, absolute: 0 }` asks for bit-identical results.
 *
 * @example
 * ```ts
 * import type { OpPrecision } from '@qaxon/tensor';
 * const float32Sums: OpPrecision = { relative: 2 ** -23, absolute: 2 ** -126 };
 * ```
 */
export interface OpPrecision {
  /** Relative error per float operation (float32: `2 ** -23`). */
  readonly relative: number;
  /** Error allowed on every output whatever its magnitude. */
  readonly absolute: number;
}

/**
 * The precision a backend declares, by op name: any subset of the op table (an op left
 * out is bit-identical to the reference).
 *
 * @example
 * ```ts
 * import type { BackendPrecision } from '@qaxon/tensor';
 * const precision: BackendPrecision = { dense: { relative: 2 ** -23, absolute: 2 ** -126 } };
 * ```
 */
export type BackendPrecision = { readonly [O in OpName]?: OpPrecision };

/**
 * Device memory a backend holds, as reported by {@link Backend.memory}.
 *
 * @example
 * ```ts
 * import type { BackendMemory } from '@qaxon/tensor';
 * const memory: BackendMemory = { deviceBytes: 0, handles: 0 };
 * ```
 */
export interface BackendMemory {
  /** Bytes of weights and activations held on the device (or in the module's memory). */
  deviceBytes: number;
  /** Number of live handles. */
  handles: number;
}

/**
 * The contract every compute backend implements (Backend v2). A backend owns its data:
 * `upload` puts a host `Tensor` or `QTensor` on it and returns a {@link Handle};
 * kernels take and return handles, so a chain of ops on one backend never comes back to
 * the host; `download` brings a result back; `release` frees one handle, `dispose` all.
 *
 * A backend implements the ops it is good at (`kernels`) and declares how close to the
 * reference each is (`precision`); the graph's executor places every other op on the
 * reference backend (downloading and uploading around it) and reports the placement.
 *
 * @example
 * ```ts
 * import { tensor, runOp, type Backend } from '@qaxon/tensor';
 * async function denseOnes(backend: Backend) {
 *   // uploads x and the kernel, runs the backend's dense kernel, downloads the result
 *   return await runOp(backend, 'dense', { x: tensor([[1, 1]]), kernel: tensor([[1], [2]]) }, {}); // [[3]]
 * }
 * ```
 */
export interface Backend {
  /** A short name for messages and reports, e.g. `'reference'` or `'gpu.js:webgl2'`; handles carry it. */
  readonly name: string;
  /** The ops this backend runs, by name. */
  readonly kernels: KernelTable;
  /** Declared precision of each implemented op (absent: bit-identical to the reference). */
  readonly precision?: BackendPrecision;
  /** Puts a host tensor or a quantized weight on the backend. */
  upload(value: Tensor | QTensor): Handle;
  /**
   * Places a weight read row block by row block (optional): the backend keeps the only
   * copy and the host never holds all of it (what `loadState(file, { backend })` uses to
   * hold weights once). Without it, loaders read the whole weight and `upload` it.
   */
  uploadStreamed?(weight: StreamedWeight): Promise<Handle>;
  /** Brings a handle's data back to the host as a new tensor. */
  download(handle: Handle): MaybePromise<Tensor>;
  /** Frees one handle's data; using the handle afterwards is an error. Releasing twice does nothing. */
  release(handle: Handle): void;
  /** True when `handle` is live and held by this backend instance. */
  owns(handle: unknown): handle is Handle;
  /** Frees every handle and the device (optional); the backend is unusable afterwards. */
  dispose?(): void;
  /** Device memory held (optional). */
  memory?(): BackendMemory;
}

/**
 * Thrown by a kernel for inputs it cannot run (a layout it lacks, a size over a device
 * limit). Not a failure: the executor runs that op on the reference backend instead and
 * reports this message as the reason.
 *
 * @example
 * ```ts
 * import { KernelUnsupportedError } from '@qaxon/tensor';
 * const refuse = () => {
 *   throw new KernelUnsupportedError('quantizedDense', 'group-wise scales are not implemented on gpu.js');
 * };
 * ```
 */
export class KernelUnsupportedError extends QaxonError {
  override name = 'KernelUnsupportedError';
  /** The op that was refused. */
  readonly op: OpName;

  constructor(op: OpName, reason: string) {
    super(`${op}: ${reason}`);
    this.op = op;
  }
}
