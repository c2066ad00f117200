import type { Workload } from '../workloads/workloads.js';
import type { BenchConfig } from './configs.js';
import type { WorkloadFiles } from './prepare-model.js';
import type { TurnsPolicy } from './turns.js';

/**
 * What a child process needs to time one qaxon configuration on the int8 and the float32
 * form of one shape, taking turns in the same process (one backend, both models loaded).
 * Passed as JSON on the command line.
 *
 * @example
 * ```ts
 * const spec: PairSpec = {
 *   int8: kernelWorkload(64, 1024, 1024, 'int8'),
 *   f32: kernelWorkload(64, 1024, 1024, 'f32'),
 *   config: benchConfigs(2).find((config) => config.id === 'qaxon-wasm-1t')!,
 *   turns: { warmup: 3, burst: 5, minRounds: 4, maxRounds: 60, budgetMs: 3000 },
 *   files: {},
 * };
 * ```
 */
export interface PairSpec {
  readonly int8: Workload;
  readonly f32: Workload;
  readonly config: BenchConfig;
  readonly turns: TurnsPolicy;
  readonly files: WorkloadFiles;
}

/**
 * What a pair child reports: the timed calls of each form, or why it could not run.
 *
 * @example
 * ```ts
 * const outcome: PairOutcome = { status: 'ok', int8Ms: [1.9, 2], f32Ms: [2.4, 2.5], rounds: 1 };
 * ```
 */
export type PairOutcome =
  | { readonly status: 'ok'; readonly int8Ms: number[]; readonly f32Ms: number[]; readonly rounds: number }
  | { readonly status: 'skipped'; readonly reason: string };

/** The prefix of the line carrying a pair child's {@link PairOutcome} on its standard output. */
export const PAIR_OUTCOME_PREFIX = 'QAXON_BENCH_PAIR ';
