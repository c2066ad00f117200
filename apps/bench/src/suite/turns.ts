/**
 * How two contenders take turns in one process: `warmup` untimed calls of each (and, with
 * `warmupMs`, more untimed calls of each in turn until that long has passed: a fast call
 * needs thousands of runs before the JIT has optimized a library's JavaScript), then
 * rounds of `burst` timed calls of one and `burst` of the other (which goes first
 * alternates from round to round), until `maxRounds` are done or `budgetMs` has passed
 * with at least `minRounds` done.
 *
 * @example
 * ```ts
 * const policy: TurnsPolicy = { warmup: 3, burst: 5, minRounds: 4, maxRounds: 60, budgetMs: 3000 };
 * ```
 */
export interface TurnsPolicy {
  readonly warmup: number;
  readonly burst: number;
  readonly minRounds: number;
  readonly maxRounds: number;
  readonly budgetMs: number;
  readonly warmupMs?: number;
}

/**
 * What {@link measureInTurns} returns: every timed call of each contender (ms) and the
 * number of rounds.
 *
 * @example
 * ```ts
 * const turns: MeasuredTurns = { firstMs: [1.1, 1], secondMs: [2, 2.1], rounds: 1 };
 * ```
 */
export interface MeasuredTurns {
  readonly firstMs: number[];
  readonly secondMs: number[];
  readonly rounds: number;
}

/**
 * Times `first` and `second` taking turns according to `policy`, each call on its own, so
 * that a change in the machine's load (another process taking a core, a frequency change)
 * hits both alike, unlike two measurements one after the other.
 *
 * @example
 * ```ts
 * const turns = await measureInTurns(async () => {}, async () => {}, { warmup: 1, burst: 2, minRounds: 2, maxRounds: 4, budgetMs: 10 });
 * console.log(turns.firstMs.length === turns.rounds * 2); // true
 * ```
 */
export async function measureInTurns(
  first: () => Promise<unknown>,
  second: () => Promise<unknown>,
  policy: TurnsPolicy,
  now: () => number = () => performance.now(),
): Promise<MeasuredTurns> {
  for (const [name, value] of Object.entries(policy)) {
    if (!Number.isSafeInteger(value) && name !== 'budgetMs') throw new RangeError(`measureInTurns: expected ${name} to be an integer, got ${value}`);
  }
  if (policy.burst < 1 || policy.minRounds < 1 || policy.maxRounds < policy.minRounds || !(policy.budgetMs >= 0)) {
    throw new RangeError(
      `measureInTurns: expected burst >= 1, 1 <= minRounds <= maxRounds and budgetMs >= 0, got burst ${policy.burst}, minRounds ${policy.minRounds}, maxRounds ${policy.maxRounds}, budgetMs ${policy.budgetMs}`,
    );
  }
  for (let i = 0; i < policy.warmup; i++) {
    await first();
    await second();
  }
  const warmupStart = now();
  while (now() - warmupStart < (policy.warmupMs ?? 0)) {
    await first();
    await second();
  }
  const firstMs: number[] = [];
  const secondMs: number[] = [];
  const burst = async (call: () => Promise<unknown>, into: number[]) => {
    for (let i = 0; i < policy.burst; i++) {
      const start = now();
      await call();
      into.push(now() - start);
    }
  };
  const start = now();
  let rounds = 0;
  while (rounds < policy.maxRounds && (rounds < policy.minRounds || now() - start < policy.budgetMs)) {
    if (rounds % 2 === 0) {
      await burst(first, firstMs);
      await burst(second, secondMs);
    } else {
      await burst(second, secondMs);
      await burst(first, firstMs);
    }
    rounds++;
  }
  return { firstMs, secondMs, rounds };
}
