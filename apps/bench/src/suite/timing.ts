/**
 * How many times a configuration is called: `warmup` untimed calls, then timed calls until
 * `maxRuns` are done or `budgetMs` has passed with at least `minRuns` done. Slow calls get
 * fewer calls, so the slowest configurations cannot blow the suite's time limit: a warm-up
 * call longer than half the budget ends the warm-up and lowers `minRuns` to 3; one longer
 * than `slowCallMs` ends it with a single timed call (and the reason is recorded).
 *
 * @example
 * ```ts
 * const policy: TimingPolicy = { warmup: 2, minRuns: 5, maxRuns: 30, budgetMs: 2000, slowCallMs: 5000 };
 * ```
 */
export interface TimingPolicy {
  readonly warmup: number;
  readonly minRuns: number;
  readonly maxRuns: number;
  readonly budgetMs: number;
  readonly slowCallMs: number;
}

/**
 * What {@link measureCalls} returns: the timed samples (ms), the warm-up times and a note
 * when fewer than `minRuns` calls were timed.
 *
 * @example
 * ```ts
 * const timing: MeasuredCalls = { samplesMs: [1.5, 1.4], warmupMs: [3], note: undefined };
 * ```
 */
export interface MeasuredCalls {
  readonly samplesMs: number[];
  readonly warmupMs: number[];
  readonly note: string | undefined;
}

/**
 * Calls `call` according to `policy`, timing each call with `now` (milliseconds).
 *
 * @example
 * ```ts
 * const timing = await measureCalls(async () => {}, { warmup: 1, minRuns: 3, maxRuns: 5, budgetMs: 10, slowCallMs: 1000 });
 * console.log(timing.samplesMs.length >= 3); // true
 * ```
 */
export async function measureCalls(
  call: () => Promise<unknown>,
  policy: TimingPolicy,
  now: () => number = () => performance.now(),
): Promise<MeasuredCalls> {
  const timed = async (): Promise<number> => {
    const start = now();
    await call();
    return now() - start;
  };
  const warmupMs: number[] = [];
  for (let i = 0; i < policy.warmup; i++) {
    const elapsed = await timed();
    warmupMs.push(elapsed);
    if (elapsed > policy.slowCallMs) {
      return {
        samplesMs: [await timed()],
        warmupMs,
        note: `one timed call: a call takes ${(elapsed / 1000).toFixed(1)} s (over the ${(policy.slowCallMs / 1000).toFixed(1)} s slow-call limit)`,
      };
    }
    if (elapsed > policy.budgetMs / 2) break;
  }
  const slow = (warmupMs.at(-1) ?? 0) > policy.budgetMs / 2;
  const minRuns = slow ? Math.min(policy.minRuns, 3) : policy.minRuns;
  const samplesMs: number[] = [];
  const start = now();
  while (samplesMs.length < policy.maxRuns && (samplesMs.length < minRuns || now() - start < policy.budgetMs)) {
    samplesMs.push(await timed());
  }
  return { samplesMs, warmupMs, note: undefined };
}
