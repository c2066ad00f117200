import type { OpBreakdown } from '../runners/op-breakdown.js';
import type { Workload } from '../workloads/workloads.js';
import type { BenchConfig } from './configs.js';
import type { WorkloadFiles } from './prepare-model.js';
import type { TimingPolicy } from './timing.js';

/**
 * Everything a child process needs to measure one configuration on one workload, with the
 * workload's files ({@link WorkloadFiles}: MNIST weights and digits, the ONNX model).
 * Passed as JSON on the command line.
 *
 * @example
 * ```ts
 * const spec: CaseSpec = {
 *   workload: kernelWorkload(1, 1024, 4096, 'f32'),
 *   config: benchConfigs(2)[0]!,
 *   timing: { warmup: 2, minRuns: 5, maxRuns: 30, budgetMs: 2000, slowCallMs: 5000 },
 * };
 * ```
 */
export interface CaseSpec extends WorkloadFiles {
  readonly workload: Workload;
  readonly config: BenchConfig;
  readonly timing: TimingPolicy;
}

/**
 * What a child process reports for one case: measurements, or why it was skipped.
 *
 * @example
 * ```ts
 * const outcome: CaseOutcome = { status: 'skipped', reason: 'gpu.js headlessgl needs a display' };
 * ```
 */
export type CaseOutcome =
  | {
      readonly status: 'ok';
      readonly samplesMs: number[];
      readonly warmupMs: number[];
      readonly timingNote: string | undefined;
      /** Output values at the workload's sample positions (kernels) or every output (MNIST). */
      readonly output: number[];
      readonly weightBytes: number;
      readonly weightNote: string;
      readonly details: string;
      /** RSS once the library was imported, before any weight existed. */
      readonly rssAfterImportBytes: number;
      /** RSS after loading the weights and one call (after a garbage collection). */
      readonly rssLoadedBytes: number;
      /** Peak RSS of this process at the end, in bytes: `VmHWM` of /proc/self/status on Linux, else `process.resourceUsage().maxRSS`. */
      readonly peakRssBytes: number;
      /** `process.resourceUsage().maxRSS` in bytes (on Linux it includes the parent's RSS at spawn time). */
      readonly resourceUsageMaxRssBytes: number;
      /** Where a call's time goes per op, for models whose kernels the bench can time (qaxon blocks). */
      readonly opBreakdown?: OpBreakdown;
    }
  | {
      readonly status: 'skipped';
      readonly reason: string;
      /** True when the configuration cannot run here at all (so later workloads skip it too). */
      readonly unavailable?: boolean;
    };

/** The prefix of the line carrying a child's {@link CaseOutcome} on its standard output. */
export const OUTCOME_PREFIX = 'QAXON_BENCH_OUTCOME ';
