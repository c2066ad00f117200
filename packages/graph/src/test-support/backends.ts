import { referenceBackend } from '@qaxon/kernel-reference';
import {
  HostHandle,
  KernelUnsupportedError,
  OP_NAMES,
  QTensor,
  ValueError,
  type Backend,
  type Handle,
  type Kernel,
  type KernelTable,
  type OpName,
  type Tensor,
} from '@qaxon/tensor';

/** A backend whose data are host tensors in its own handles, counting what it holds. */
export interface CountingBackend extends Backend {
  /** Live handles, by kind. */
  readonly live: Set<HostHandle>;
  /** Uploads, downloads and releases so far. */
  readonly counts: { uploads: number; downloads: number; releases: number };
  /** Kernel calls, in order. */
  readonly calls: OpName[];
}

export interface CountingBackendOptions {
  /** The ops it implements (default: every op the reference backend implements). */
  ops?: readonly OpName[];
  /** Kernels that throw KernelUnsupportedError with this reason. */
  refuse?: Partial<Record<OpName, string>>;
  /** Wrap every kernel result and download in a promise, like a GPU backend. */
  async?: boolean;
}

/**
 * A test backend: handles of its own (named `name`) over host tensors, kernels that run
 * the reference backend's on them, counts of uploads, downloads, releases and live handles.
 */
export function countingBackend(name = 'counting', options: CountingBackendOptions = {}): CountingBackend {
  const live = new Set<HostHandle>();
  const counts = { uploads: 0, downloads: 0, releases: 0 };
  const calls: OpName[] = [];
  const valueOf = (handle: Handle): Tensor | QTensor => {
    if (!(handle instanceof HostHandle) || !live.has(handle)) throw new ValueError(`${name}: expected a live handle of this backend, got ${String(handle)}`);
    return handle.value;
  };
  const make = (value: Tensor | QTensor): HostHandle => {
    const handle = new HostHandle(name, value);
    live.add(handle);
    return handle;
  };
  const ops = options.ops ?? OP_NAMES.filter((op) => referenceBackend.kernels[op] !== undefined);
  const kernels: Record<string, Kernel<OpName>> = {};
  for (const op of ops) {
    const reference = referenceBackend.kernels[op] as Kernel<OpName> | undefined;
    if (reference === undefined) continue;
    kernels[op] = (inputs, attrs) => {
      calls.push(op);
      const refusal = options.refuse?.[op];
      if (refusal !== undefined) throw new KernelUnsupportedError(op, refusal);
      const moved: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(inputs as Record<string, Handle | Handle[] | undefined>)) {
        if (value === undefined) continue;
        moved[key] = Array.isArray(value) ? value.map((h) => referenceBackend.upload(valueOf(h))) : referenceBackend.upload(valueOf(value));
      }
      const output = make(referenceBackend.download(reference(moved as never, attrs) as Handle));
      return options.async === true ? Promise.resolve(output) : output;
    };
  }
  return {
    name,
    live,
    counts,
    calls,
    kernels: kernels as KernelTable,
    upload(value) {
      counts.uploads++;
      return make(value);
    },
    download(handle) {
      counts.downloads++;
      const value = valueOf(handle);
      if (value instanceof QTensor) throw new ValueError(`${name}: cannot download a quantized weight`);
      return options.async === true ? Promise.resolve(value) : value;
    },
    release(handle) {
      if (handle instanceof HostHandle && live.delete(handle)) {
        counts.releases++;
        handle.release();
      }
    },
    owns(handle): handle is Handle {
      return handle instanceof HostHandle && live.has(handle);
    },
  };
}
