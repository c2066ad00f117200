import type { Workload } from '../workloads/workloads.js';
import type { BenchConfig } from './configs.js';
import type { WorkloadFiles } from './prepare-model.js';
import type { TurnsPolicy } from './turns.js';

/**
 * One side of a pair: a configuration on a workload, and for ONNX Runtime the model file in
 * the configuration's int8 form (for qaxon on a transformer block, the state file).
 *
 * @example
 * ```ts
 * const side: Contender = { config: benchConfigs(2)[0]!, workload: kernelWorkload(1, 4096, 4096, 'int8') };
 * ```
 */
export interface Contender {
  readonly config: BenchConfig;
  readonly workload: Workload;
  readonly onnxModel?: WorkloadFiles['onnxModel'];
  /** For a transformer block on qaxon: its state file (quantized for int8). */
  readonly blockState?: WorkloadFiles['blockState'];
}

/**
 * What a child process needs to time two contenders taking turns in the same process (a
 * qaxon configuration on int8 weights against the same configuration on float32 weights,
 * one backend holding both models, or against a peer), with the files both share (MNIST).
 * Passed as JSON on the command line.
 *
 * @example
 * ```ts
 * const [wasm1t] = benchConfigs(2).filter((config) => config.id === 'qaxon-wasm-1t');
 * const spec: PairSpec = {
 *   first: { config: wasm1t!, workload: kernelWorkload(64, 1024, 1024, 'int8') },
 *   second: { config: wasm1t!, workload: kernelWorkload(64, 1024, 1024, 'f32') },
 *   turns: { warmup: 3, burst: 5, minRounds: 4, maxRounds: 60, budgetMs: 3000 },
 *   files: {},
 * };
 * ```
 */
export interface PairSpec {
  readonly first: Contender;
  readonly second: Contender;
  readonly turns: TurnsPolicy;
  readonly files: WorkloadFiles;
}

/**
 * What a pair child reports: the timed calls of each contender, or why it could not run.
 *
 * @example
 * ```ts
 * const outcome: PairOutcome = { status: 'ok', firstMs: [1.9, 2], secondMs: [2.4, 2.5], rounds: 1 };
 * ```
 */
export type PairOutcome =
  | { readonly status: 'ok'; readonly firstMs: number[]; readonly secondMs: number[]; readonly rounds: number }
  | { readonly status: 'skipped'; readonly reason: string };

/** The prefix of the line carrying a pair child's {@link PairOutcome} on its standard output. */
export const PAIR_OUTCOME_PREFIX = 'QAXON_BENCH_PAIR ';
