import {
  HostHandle,
  QTensor,
  Tensor,
  ValueError,
  describeValue,
  type Backend,
  type BackendMemory,
  type Handle,
  type OpAttrs,
  type OpInputs,
  type OpName,
  type StreamedWeight,
} from '@qaxon/tensor';
import { REFERENCE_NAME, valueOf } from './ops/host-values.js';
import { referenceKernels } from './ops/kernel-table.js';
import { readStreamedWeight } from './read-streamed-weight.js';

/**
 * The type of {@link referenceBackend}: a `Backend` whose handles hold host tensors
 * (`HostHandle`, no copy on upload), that implements every op, whose kernels and
 * downloads are synchronous.
 *
 * @example
 * ```ts
 * import { referenceBackend, type ReferenceBackend } from '@qaxon/kernel-reference';
 * const backend: ReferenceBackend = referenceBackend;
 * ```
 */
export interface ReferenceBackend extends Backend {
  readonly name: 'reference';
  readonly kernels: ReferenceKernelTable;
  upload(value: Tensor | QTensor): HostHandle;
  uploadStreamed(weight: StreamedWeight): Promise<HostHandle>;
  download(handle: Handle): Tensor;
  memory(): BackendMemory;
}

/**
 * The reference backend's kernels: every op, synchronous, returning a `HostHandle`.
 *
 * @example
 * ```ts
 * import { referenceBackend, type ReferenceKernelTable } from '@qaxon/kernel-reference';
 * const kernels: ReferenceKernelTable = referenceBackend.kernels;
 * ```
 */
export type ReferenceKernelTable = { readonly [O in OpName]: (inputs: OpInputs<O>, attrs: OpAttrs<O>) => HostHandle };

function bytesOf(value: Tensor | QTensor): number {
  return value.byteSize;
}

/**
 * Makes a reference backend with its own handles: `owns` is true only for handles it
 * made, and `memory()` counts only those. {@link referenceBackend} is one shared instance;
 * make your own where a test counts handles.
 *
 * @example
 * ```ts
 * import { createReferenceBackend } from '@qaxon/kernel-reference';
 * import { tensor } from '@qaxon/tensor';
 * const backend = createReferenceBackend();
 * const handle = backend.upload(tensor([1, 2]));
 * console.log(backend.memory()); // { deviceBytes: 8, handles: 1 }
 * backend.release(handle);
 * ```
 */
export function createReferenceBackend(): ReferenceBackend {
  const mine = new WeakSet<HostHandle>();
  const usage = { deviceBytes: 0, handles: 0 };
  const wrap = (value: Tensor | QTensor): HostHandle => {
    const handle = new HostHandle(REFERENCE_NAME, value);
    mine.add(handle);
    usage.deviceBytes += bytesOf(value);
    usage.handles++;
    return handle;
  };
  const kernels = Object.freeze(referenceKernels(wrap)) as ReferenceKernelTable;
  const backend: ReferenceBackend = {
    name: REFERENCE_NAME,
    kernels,
    upload(value: Tensor | QTensor): HostHandle {
      if (!(value instanceof Tensor) && !(value instanceof QTensor)) {
        throw new ValueError(`reference backend: upload expected a Tensor or a QTensor, got ${describeValue(value)}`);
      }
      return wrap(value);
    },
    async uploadStreamed(weight: StreamedWeight): Promise<HostHandle> {
      return wrap(await readStreamedWeight(weight));
    },
    download(handle: Handle): Tensor {
      const value = valueOf(handle);
      if (value instanceof QTensor) return value.dequantize();
      return new Tensor(value.data.slice(), value.shape, value.dtype);
    },
    release(handle: Handle): void {
      if (handle instanceof HostHandle && mine.has(handle) && handle.live) {
        usage.deviceBytes -= bytesOf(handle.value);
        usage.handles--;
        handle.release();
      }
    },
    owns(handle: unknown): handle is Handle {
      return handle instanceof HostHandle && mine.has(handle) && handle.live;
    },
    memory(): BackendMemory {
      return { ...usage };
    },
  };
  return Object.freeze(backend);
}

/**
 * The reference backend, qaxon's oracle: every op of the op table as plain loops, and on
 * the dense ops exactly the float32 roundings of Axon 0.8.1 on Nx's BinaryBackend (the dot
 * in float64 rounded once, then the scale, then the bias), so those results are
 * bit-identical to Axon's. Every other backend is judged against it by
 * `@qaxon/kernel-reference/conformance`. Its handles hold the host tensors themselves (no
 * copy on upload; `download` returns a copy), its kernels are synchronous.
 *
 * @example
 * ```ts
 * import { QTensor, tensor, runOp } from '@qaxon/tensor';
 * import { referenceBackend } from '@qaxon/kernel-reference';
 * const q = new QTensor(tensor([[1, -2], [3, 4]], { dtype: 's8' }), tensor([0.5, 0.25]));
 * const y = await runOp(referenceBackend, 'quantizedDense', { x: tensor([[1, 2]]), kernel: q, bias: tensor([1, -1]) }, {});
 * console.log(y.toArray()); // [[4.5, 0.5]]
 * ```
 */
export const referenceBackend: ReferenceBackend = createReferenceBackend();

/**
 * True when `backend` implements `op` (has a kernel for it).
 *
 * @example
 * ```ts
 * import { implementsOp, referenceBackend } from '@qaxon/kernel-reference';
 * console.log(implementsOp(referenceBackend, 'gather')); // true
 * ```
 */
export function implementsOp(backend: Backend, op: OpName): boolean {
  return typeof backend.kernels[op] === 'function';
}
