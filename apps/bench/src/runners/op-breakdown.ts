import { median } from '../stats/median.js';
import type { OpTimer } from './timed-backend.js';

/**
 * The ops whose kernels are "the dense layers" of a block (float32 and weight-only int8).
 *
 * @example
 * ```ts
 * console.log(DENSE_OPS.includes('quantizedDense')); // true
 * ```
 */
export const DENSE_OPS: readonly string[] = Object.freeze(['dense', 'quantizedDense']);

/**
 * Where a block's time goes, per call (means over `calls` recorded calls): the whole call
 * (input in, output out), each op's kernels and the transfers `upload` / `download` (calls
 * and milliseconds per block call, the most expensive first), the ops that ran on the
 * reference backend instead (`fallbacks`), and the share of the call spent outside the
 * dense kernels (other kernels, fallbacks, the executor, transfers): the median over the
 * calls of each call's share, so that one call slowed by the machine does not move it.
 *
 * @example
 * ```ts
 * const breakdown: OpBreakdown = { calls: 10, callMs: 50, ops: [{ op: 'quantizedDense', calls: 6, ms: 40 }, { op: 'attention', calls: 1, ms: 5 }], nonDenseShare: 0.2 };
 * ```
 */
export interface OpBreakdown {
  readonly calls: number;
  readonly callMs: number;
  readonly ops: readonly { readonly op: string; readonly calls: number; readonly ms: number }[];
  readonly fallbacks?: readonly string[];
  readonly nonDenseShare: number;
}

/**
 * Runs `call` `calls` times with `timer` recording and sums its kernels' time per op
 * (see {@link OpBreakdown}).
 *
 * @example
 * ```ts
 * const { backend, timer } = timedBackend(referenceBackend);
 * const built = build(model, { backend });
 * const breakdown = await measureOpBreakdown(() => built.predict(state, x), timer, 10);
 * console.log(breakdown.nonDenseShare);
 * ```
 */
export async function measureOpBreakdown(
  call: () => Promise<unknown>,
  timer: OpTimer,
  calls: number,
  now: () => number = () => performance.now(),
  fallbacks: () => readonly string[] = () => [],
): Promise<OpBreakdown> {
  if (!Number.isSafeInteger(calls) || calls < 1) throw new RangeError(`measureOpBreakdown: expected calls >= 1, got ${calls}`);
  timer.reset();
  timer.recording = true;
  const denseSoFar = () => DENSE_OPS.reduce((sum, op) => sum + (timer.totals.get(op)?.ms ?? 0), 0);
  let totalMs = 0;
  const shares: number[] = [];
  try {
    for (let i = 0; i < calls; i++) {
      const denseBefore = denseSoFar();
      const start = now();
      await call();
      const callMs = now() - start;
      totalMs += callMs;
      shares.push(callMs > 0 ? Math.max(0, 1 - (denseSoFar() - denseBefore) / callMs) : 0);
    }
  } finally {
    timer.recording = false;
  }
  const ops = [...timer.totals]
    .map(([op, total]) => ({ op, calls: total.calls / calls, ms: total.ms / calls }))
    .sort((a, b) => b.ms - a.ms);
  const fellBack = [...new Set(fallbacks())];
  return { calls, callMs: totalMs / calls, ops, ...(fellBack.length === 0 ? {} : { fallbacks: fellBack }), nonDenseShare: median(shares) };
}
