/**
 * How many times faster `candidate` is than `baseline`, from two times (any unit, the
 * same for both): `baseline / candidate`, above 1 when the candidate is faster.
 *
 * @example
 * ```ts
 * console.log(speedup(10, 5)); // 2
 * ```
 */
export function speedup(baselineTime: number, candidateTime: number): number {
  checkPositive('speedup', 'baselineTime', baselineTime);
  checkPositive('speedup', 'candidateTime', candidateTime);
  return baselineTime / candidateTime;
}

/**
 * `candidate / baseline` for two sizes or times: above 1 when the candidate is larger
 * (slower, or uses more memory).
 *
 * @example
 * ```ts
 * console.log(ratio(4, 1)); // 0.25
 * ```
 */
export function ratio(baseline: number, candidate: number): number {
  checkPositive('ratio', 'baseline', baseline);
  if (!Number.isFinite(candidate) || candidate < 0) throw new RangeError(`ratio: expected candidate >= 0, got ${candidate}`);
  return candidate / baseline;
}

/**
 * The entry with the smallest `value` among `entries` that pass `include` (undefined when
 * none does).
 *
 * @example
 * ```ts
 * const rows = [{ name: 'a', ms: 3 }, { name: 'b', ms: 1 }];
 * console.log(fastest(rows, (row) => row.ms)?.name); // 'b'
 * ```
 */
export function fastest<T>(entries: readonly T[], value: (entry: T) => number | undefined, include: (entry: T) => boolean = () => true): T | undefined {
  let best: T | undefined;
  let bestValue = Infinity;
  for (const entry of entries) {
    const current = value(entry);
    if (!include(entry) || current === undefined || !(current < bestValue)) continue;
    best = entry;
    bestValue = current;
  }
  return best;
}

function checkPositive(where: string, name: string, value: number): void {
  if (!Number.isFinite(value) || value <= 0) throw new RangeError(`${where}: expected ${name} > 0, got ${value}`);
}
