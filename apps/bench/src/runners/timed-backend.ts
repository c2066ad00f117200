import type { Backend, Handle, KernelTable, StreamedWeight } from '@qaxon/tensor';

/**
 * Time spent in one op's kernel while recording: number of calls and milliseconds.
 *
 * @example
 * ```ts
 * const dense: OpTotal = { calls: 6, ms: 41.2 };
 * ```
 */
export interface OpTotal {
  calls: number;
  ms: number;
}

/**
 * Collects kernel times of a {@link timedBackend}: while `recording` is true, every kernel
 * call adds its time to its op's {@link OpTotal} (a synchronous kernel until it returns, an
 * asynchronous one until its promise settles), and transfers to and from the host add
 * theirs under `upload` and `download`.
 *
 * @example
 * ```ts
 * const { backend, timer } = timedBackend(referenceBackend);
 * timer.recording = true;
 * // ... predict ...
 * console.log([...timer.totals.keys()]);
 * ```
 */
export interface OpTimer {
  recording: boolean;
  readonly totals: Map<string, OpTotal>;
  /** Forgets every total. */
  reset(): void;
}

/**
 * `backend` with each of its kernels, `upload` and `download` wrapped in a timer (see
 * {@link OpTimer}); every other member of the `Backend` contract calls the backend itself
 * (so handles stay its own). Ops the backend has no kernel for run on the reference backend
 * through the executor: their transfers are timed here, their computation only counts in a
 * block's time outside the kernels.
 *
 * @example
 * ```ts
 * import { referenceBackend } from '@qaxon/kernel-reference';
 * const { backend, timer } = timedBackend(referenceBackend);
 * console.log(backend.name === referenceBackend.name, timer.recording); // true false
 * ```
 */
export function timedBackend(backend: Backend, now: () => number = () => performance.now()): { backend: Backend; timer: OpTimer } {
  const timer: OpTimer = {
    recording: false,
    totals: new Map(),
    reset() {
      this.totals.clear();
    },
  };
  const add = (op: string, ms: number) => {
    const total = timer.totals.get(op);
    if (total === undefined) timer.totals.set(op, { calls: 1, ms });
    else {
      total.calls++;
      total.ms += ms;
    }
  };
  const timed = <T>(op: string, call: () => T): T => {
    if (!timer.recording) return call();
    const start = now();
    let result: T;
    try {
      result = call();
    } catch (error) {
      add(op, now() - start);
      throw error;
    }
    if (!(result instanceof Promise)) {
      add(op, now() - start);
      return result;
    }
    return result.finally(() => add(op, now() - start)) as T;
  };
  const kernels: Record<string, unknown> = {};
  for (const [op, kernel] of Object.entries(backend.kernels) as [string, (...args: unknown[]) => unknown][]) {
    if (typeof kernel === 'function') kernels[op] = (...args: unknown[]) => timed(op, () => kernel(...args));
  }
  // A plain object delegating to the backend (a Proxy cannot: backends may be frozen).
  const wrapped: Backend = {
    name: backend.name,
    kernels: kernels as KernelTable,
    ...(backend.precision === undefined ? {} : { precision: backend.precision }),
    upload: (value) => timed('upload', () => backend.upload(value)),
    ...(backend.uploadStreamed === undefined ? {} : { uploadStreamed: (weight: StreamedWeight) => backend.uploadStreamed!(weight) }),
    download: (handle) => timed('download', () => backend.download(handle)),
    release: (handle) => backend.release(handle),
    owns: (handle): handle is Handle => backend.owns(handle),
    ...(backend.dispose === undefined ? {} : { dispose: () => backend.dispose!() }),
    ...(backend.memory === undefined ? {} : { memory: () => backend.memory!() }),
  };
  return { backend: wrapped, timer };
}
