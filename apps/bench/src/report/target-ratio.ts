import type { BenchResults } from './results-schema.js';

/**
 * A configuration measured on a workload, by ids.
 *
 * @example
 * ```ts
 * const side: MeasuredSide = { config: 'qaxon-wasm-1t', workload: 'gemv-1x4096x4096-int8' };
 * ```
 */
export interface MeasuredSide {
  readonly config: string;
  readonly workload: string;
}

/**
 * The ratio of two medians (`mine` over `theirs`) and where it comes from: the two timed in
 * turns in one process where the run has that pair ({@link BenchResults.pairs}), else two
 * separate cases; with the relative spreads of both medians.
 *
 * @example
 * ```ts
 * const ratio: TimeRatio = { value: 0.6, how: 'in turns in one process', spreads: [0.02, 0.03], medianMs: [1.2, 2] };
 * ```
 */
export interface TimeRatio {
  readonly value: number;
  readonly how: 'in turns in one process' | 'separate processes';
  readonly spreads: readonly [number, number];
  readonly medianMs: readonly [number, number];
}

/**
 * The time of `mine` over the time of `theirs` in `results` (see {@link TimeRatio}), or
 * undefined where either did not run.
 *
 * @example
 * ```ts
 * const ratio = timeRatio(results, { config: 'qaxon-wasm-1t', workload: 'gemv-1x4096x4096-int8' }, { config: 'tfjs-wasm', workload: 'gemv-1x4096x4096-f32' });
 * console.log(ratio?.value);
 * ```
 */
export function timeRatio(results: BenchResults, mine: MeasuredSide, theirs: MeasuredSide): TimeRatio | undefined {
  const same = (side: MeasuredSide, wanted: MeasuredSide) => side.workload === wanted.workload && side.config === wanted.config;
  const pair = results.pairs?.find((entry) => same(entry.first, mine) && same(entry.second, theirs));
  const [first, second, how] =
    pair !== undefined ? [pair.first, pair.second, 'in turns in one process' as const] : [measuredCase(results, mine)?.timing, measuredCase(results, theirs)?.timing, 'separate processes' as const];
  if (first === undefined || second === undefined || !(second.medianMs > 0)) return undefined;
  return { value: first.medianMs / second.medianMs, how, spreads: [first.spread, second.spread], medianMs: [first.medianMs, second.medianMs] };
}

/**
 * The case of `side` in `results` when it ran, else undefined.
 *
 * @example
 * ```ts
 * console.log(measuredCase(results, { config: 'ort-web-1t', workload: 'gemv-1x4096x4096-f32' })?.timing?.medianMs);
 * ```
 */
export function measuredCase(results: BenchResults, side: MeasuredSide) {
  return results.cases.find((entry) => entry.workload === side.workload && entry.config === side.config && entry.status === 'ok');
}

/**
 * A ratio with two decimals, or three where two would show its limit (1.001 missing a
 * limit of 1 must not read 1.00).
 *
 * @example
 * ```ts
 * console.log(ratioAgainstLimit(1.001, 1), ratioAgainstLimit(0.63, 0.8)); // '1.001' '0.63'
 * ```
 */
export function ratioAgainstLimit(value: number, limit: number): string {
  return value.toFixed(2) === limit.toFixed(2) ? value.toFixed(3) : value.toFixed(2);
}
