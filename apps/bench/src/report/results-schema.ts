import type { OpBreakdown } from '../runners/op-breakdown.js';
/** The version of {@link BenchResults}' shape; bump it when a field changes meaning. */
export const RESULTS_SCHEMA_VERSION = 2;

/**
 * The machine a run was measured on.
 *
 * @example
 * ```ts
 * const machine: MachineInfo = { cpuModel: 'AMD EPYC', logicalCores: 2, nodeVersion: 'v20.20.2', platform: 'linux', arch: 'x64', totalMemoryBytes: 8e9, loadAverageAtStart: [1, 1, 1], note: '' };
 * ```
 */
export interface MachineInfo {
  readonly cpuModel: string;
  readonly logicalCores: number;
  readonly nodeVersion: string;
  readonly platform: string;
  readonly arch: string;
  readonly totalMemoryBytes: number;
  /** The 1, 5 and 15 minute load averages when the run started. */
  readonly loadAverageAtStart: readonly number[];
  /** Free text, e.g. that other work was running on the machine. */
  readonly note: string;
}

/**
 * A configuration as recorded in the results: `platform` says whether a web page can run it
 * (`browser`: JavaScript or WebAssembly) or only Node can (`native`: onnxruntime-node).
 *
 * @example
 * ```ts
 * const config: ConfigSummary = { id: 'tfjs-wasm', label: 'TF.js wasm', library: 'tfjs', peer: true, platform: 'browser' };
 * ```
 */
export interface ConfigSummary {
  readonly id: string;
  readonly label: string;
  readonly library: 'qaxon' | 'tfjs' | 'ort' | 'ort-web';
  readonly peer: boolean;
  readonly platform: 'browser' | 'native';
}

/**
 * A workload as recorded in the results, with the peers its ratios are taken against.
 *
 * @example
 * ```ts
 * const workload: WorkloadSummary = { id: 'gemv-1x4096x4096-f32', label: 'GEMV 1×4096×4096 f32', kind: 'kernel', group: 'gemv-1x4096x4096', weights: 'f32', fastestPeer: 'ort-1t', fastestExactPeer: 'ort-1t' };
 * ```
 */
export interface WorkloadSummary {
  readonly id: string;
  readonly label: string;
  readonly kind: 'kernel' | 'mnist' | 'block';
  /** The workload without its weight format (`gemv-1x4096x4096`), for charts that put f32 and int8 side by side. */
  readonly group: string;
  readonly weights: 'f32' | 'int8';
  /** The peer configuration with the smallest median time, if any peer ran. */
  readonly fastestPeer?: string;
  /** The fastest peer whose outputs match the oracle within float32 accumulation error. */
  readonly fastestExactPeer?: string;
  /** The fastest peer a web page can run (TF.js, onnxruntime-web). */
  readonly fastestBrowserPeer?: string;
  /** The fastest browser peer whose outputs match the oracle within float32 accumulation error. */
  readonly fastestExactBrowserPeer?: string;
  /** Why the whole workload was skipped, if it was. */
  readonly skipped?: string;
}

/**
 * One configuration measured on one workload.
 *
 * @example
 * ```ts
 * const skipped: CaseResult = { workload: 'mnist-b1-f32', config: 'qaxon-gpu-headlessgl', status: 'skipped', reason: 'no display' };
 * ```
 */
export interface CaseResult {
  readonly workload: string;
  readonly config: string;
  readonly status: 'ok' | 'skipped';
  readonly reason?: string;
  readonly details?: string;
  readonly timing?: {
    readonly medianMs: number;
    /** Median absolute deviation over the median. */
    readonly spread: number;
    readonly samplesMs: readonly number[];
    readonly warmupMs: readonly number[];
    readonly note?: string;
  };
  readonly memory?: {
    readonly weightBytes: number;
    readonly weightNote: string;
    /** Peak RSS of the measuring process: `VmHWM` (Linux), else `process.resourceUsage().maxRSS`. */
    readonly peakRssBytes: number;
    /** `process.resourceUsage().maxRSS`; on Linux it also counts the parent's RSS at spawn time (exec keeps the old high-water mark). */
    readonly resourceUsageMaxRssBytes: number;
    readonly rssAfterImportBytes: number;
    readonly rssLoadedBytes: number;
  };
  readonly accuracy?: {
    /** Largest |output - oracle| over the compared outputs. */
    readonly maxAbsDiff: number;
    /** {@link maxAbsDiff} over the largest |oracle| value. */
    readonly maxRelDiff: number;
    readonly oracle: string;
    /** MNIST: share of rows whose argmax equals the float reference's. */
    readonly argmaxAgreement?: number;
  };
  readonly ratios?: {
    /** Fastest peer's median over this median: above 1 means faster than the fastest peer. */
    readonly speedupVsFastestPeer?: number;
    readonly speedupVsFastestExactPeer?: number;
    /** Fastest browser peer's median over this median. */
    readonly speedupVsFastestBrowserPeer?: number;
    /** This case's weight bytes over the fastest peer's. */
    readonly weightBytesVsFastestPeer?: number;
    /** This case's peak RSS over the fastest peer's. */
    readonly peakRssVsFastestPeer?: number;
  };
  /** Transformer blocks on qaxon: where a call's time goes, per op (see `runners/op-breakdown.ts`). */
  readonly opBreakdown?: OpBreakdown;
}

/**
 * The best qaxon configuration of a workload against the fastest peer of one platform
 * (browser or native): that peer, the speedup against it (above 1: qaxon faster), qaxon's
 * weight bytes and peak RSS over the peer's, and the fastest peer of that platform within
 * the exactness tolerance of the oracle (same arithmetic as qaxon) with the speedup against it.
 *
 * @example
 * ```ts
 * const comparison: PeerComparison = { peer: 'ort-web-2t', speedup: 1.5, weightBytesRatio: 0.25, peakRssRatio: 0.6, exactPeer: 'ort-web-2t', speedupVsExactPeer: 1.5 };
 * ```
 */
export interface PeerComparison {
  readonly peer: string;
  readonly speedup: number;
  readonly weightBytesRatio: number;
  readonly peakRssRatio: number;
  readonly exactPeer?: string;
  readonly speedupVsExactPeer?: number;
}

/**
 * The best qaxon configuration of a workload against the fastest browser peer (TF.js,
 * onnxruntime-web: what a web page could use instead) and, apart, the fastest native peer
 * (onnxruntime-node), each absent when no peer of that platform ran.
 *
 * @example
 * ```ts
 * const headline: Headline = {
 *   workload: 'gemv-1x4096x4096-int8',
 *   qaxon: 'qaxon-wasm-2t',
 *   maxRelDiff: 1e-7,
 *   browser: { peer: 'ort-web-q8-2t', speedup: 1.3, weightBytesRatio: 1, peakRssRatio: 0.8 },
 *   native: { peer: 'ort-default', speedup: 0.9, weightBytesRatio: 1, peakRssRatio: 0.6 },
 * };
 * ```
 */
export interface Headline {
  readonly workload: string;
  readonly qaxon: string;
  /** The workload the peers were measured on, when not {@link workload} (int8 qaxon against float peers). */
  readonly peerWorkload?: string;
  readonly maxRelDiff: number;
  readonly browser?: PeerComparison;
  readonly native?: PeerComparison;
}

/**
 * Two contenders timed taking turns in one child process, in alternating bursts of a few
 * calls (a qaxon configuration on int8 weights, and the same configuration on float32
 * weights with one backend holding both models, or a peer on float32), so that the
 * machine's load changes hit both alike: a fairer ratio than two separate processes.
 *
 * @example
 * ```ts
 * const pair: PairResult = {
 *   rounds: 40,
 *   first: { workload: 'gemm-64x1024x1024-int8', config: 'qaxon-wasm-1t', medianMs: 4.1, spread: 0.02, calls: 200 },
 *   second: { workload: 'gemm-64x1024x1024-f32', config: 'qaxon-wasm-1t', medianMs: 4.0, spread: 0.02, calls: 200 },
 * };
 * ```
 */
export interface PairResult {
  readonly rounds: number;
  readonly first: PairSide;
  readonly second: PairSide;
}

/**
 * One side of a {@link PairResult}: which configuration on which workload, the median of
 * its timed calls, their spread (median absolute deviation over the median) and how many.
 *
 * @example
 * ```ts
 * const side: PairSide = { workload: 'gemm-64x1024x1024-int8', config: 'qaxon-wasm-1t', medianMs: 4.1, spread: 0.02, calls: 200 };
 * ```
 */
export interface PairSide {
  readonly workload: string;
  readonly config: string;
  readonly medianMs: number;
  readonly spread: number;
  readonly calls: number;
}

/**
 * The whole of `docs/benchmarks/results.json`.
 *
 * @example
 * ```ts
 * function caseCount(results: BenchResults): number {
 *   return results.cases.length;
 * }
 * ```
 */
export interface BenchResults {
  readonly schemaVersion: typeof RESULTS_SCHEMA_VERSION;
  readonly generatedAt: string;
  readonly mode: 'full' | 'quick';
  readonly durationSeconds: number;
  readonly machine: MachineInfo;
  readonly libraries: readonly { readonly name: string; readonly version: string }[];
  readonly configs: readonly ConfigSummary[];
  readonly workloads: readonly WorkloadSummary[];
  readonly cases: readonly CaseResult[];
  readonly headlines: readonly Headline[];
  /** Per shape: the fastest qaxon configuration on int8 weights against the fastest peer on float32 weights (what quantizing buys). */
  readonly int8VsF32Headlines: readonly Headline[];
  /** Contenders timed in turns in one process (absent in results written before they existed). */
  readonly pairs?: readonly PairResult[];
  readonly notes: readonly string[];
}

/**
 * Thrown by {@link validateBenchResults}, naming the path of the first bad field.
 *
 * @example
 * ```ts
 * try {
 *   validateBenchResults({});
 * } catch (error) {
 *   console.log(error instanceof ResultsSchemaError); // true
 * }
 * ```
 */
export class ResultsSchemaError extends Error {
  override readonly name = 'ResultsSchemaError';
}

type Check = (value: unknown, path: string) => void;

const fail = (path: string, expected: string, value: unknown): never => {
  const given = value === undefined ? 'nothing' : Array.isArray(value) ? 'an array' : typeof value === 'object' && value !== null ? 'an object' : JSON.stringify(value);
  throw new ResultsSchemaError(`results ${path}: expected ${expected}, got ${given}`);
};
const string: Check = (value, path) => void (typeof value === 'string' || fail(path, 'a string', value));
const finite: Check = (value, path) => void ((typeof value === 'number' && Number.isFinite(value)) || fail(path, 'a finite number', value));
const nonNegative: Check = (value, path) => void ((typeof value === 'number' && Number.isFinite(value) && value >= 0) || fail(path, 'a number >= 0', value));
const boolean: Check = (value, path) => void (typeof value === 'boolean' || fail(path, 'a boolean', value));
const oneOf =
  (...choices: string[]): Check =>
  (value, path) =>
    void ((typeof value === 'string' && choices.includes(value)) || fail(path, `one of ${choices.join(', ')}`, value));
const optional =
  (check: Check): Check =>
  (value, path) =>
    void (value === undefined || check(value, path));
const array =
  (item: Check): Check =>
  (value, path) => {
    if (!Array.isArray(value)) fail(path, 'an array', value);
    (value as unknown[]).forEach((entry, index) => item(entry, `${path}[${index}]`));
  };
const object =
  (fields: Record<string, Check>): Check =>
  (value, path) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(path, 'an object', value);
    for (const [name, check] of Object.entries(fields)) check((value as Record<string, unknown>)[name], `${path}.${name}`);
  };

const caseResult = object({
  workload: string,
  config: string,
  status: oneOf('ok', 'skipped'),
  reason: optional(string),
  details: optional(string),
  timing: optional(object({ medianMs: nonNegative, spread: nonNegative, samplesMs: array(nonNegative), warmupMs: array(nonNegative), note: optional(string) })),
  memory: optional(object({ weightBytes: nonNegative, weightNote: string, peakRssBytes: nonNegative, resourceUsageMaxRssBytes: nonNegative, rssAfterImportBytes: nonNegative, rssLoadedBytes: nonNegative })),
  accuracy: optional(object({ maxAbsDiff: nonNegative, maxRelDiff: nonNegative, oracle: string, argmaxAgreement: optional(nonNegative) })),
  opBreakdown: optional(
    object({
      calls: nonNegative,
      callMs: nonNegative,
      ops: array(object({ op: string, calls: nonNegative, ms: nonNegative })),
      fallbacks: optional(array(string)),
      nonDenseShare: nonNegative,
    }),
  ),
  ratios: optional(
    object({
      speedupVsFastestPeer: optional(nonNegative),
      speedupVsFastestExactPeer: optional(nonNegative),
      speedupVsFastestBrowserPeer: optional(nonNegative),
      weightBytesVsFastestPeer: optional(nonNegative),
      peakRssVsFastestPeer: optional(nonNegative),
    }),
  ),
});

const peerComparison = object({
  peer: string,
  speedup: nonNegative,
  weightBytesRatio: nonNegative,
  peakRssRatio: nonNegative,
  exactPeer: optional(string),
  speedupVsExactPeer: optional(nonNegative),
});

const headline = object({
  workload: string,
  qaxon: string,
  peerWorkload: optional(string),
  maxRelDiff: nonNegative,
  browser: optional(peerComparison),
  native: optional(peerComparison),
});

const pairSide = object({ workload: string, config: string, medianMs: nonNegative, spread: nonNegative, calls: nonNegative });
const pair = object({ rounds: nonNegative, first: pairSide, second: pairSide });

const resultsCheck = object({
  schemaVersion: (value, path) => void (value === RESULTS_SCHEMA_VERSION || fail(path, `${RESULTS_SCHEMA_VERSION}`, value)),
  generatedAt: (value, path) => void ((typeof value === 'string' && !Number.isNaN(Date.parse(value))) || fail(path, 'an ISO date', value)),
  mode: oneOf('full', 'quick'),
  durationSeconds: nonNegative,
  machine: object({
    cpuModel: string,
    logicalCores: nonNegative,
    nodeVersion: string,
    platform: string,
    arch: string,
    totalMemoryBytes: nonNegative,
    loadAverageAtStart: array(finite),
    note: string,
  }),
  libraries: array(object({ name: string, version: string })),
  configs: array(object({ id: string, label: string, library: oneOf('qaxon', 'tfjs', 'ort', 'ort-web'), peer: boolean, platform: oneOf('browser', 'native') })),
  workloads: array(
    object({
      id: string,
      label: string,
      kind: oneOf('kernel', 'mnist', 'block'),
      group: string,
      weights: oneOf('f32', 'int8'),
      fastestPeer: optional(string),
      fastestExactPeer: optional(string),
      fastestBrowserPeer: optional(string),
      fastestExactBrowserPeer: optional(string),
      skipped: optional(string),
    }),
  ),
  cases: array(caseResult),
  headlines: array(headline),
  int8VsF32Headlines: array(headline),
  pairs: optional(array(pair)),
  notes: array(string),
});

/**
 * Checks that `value` has the shape of {@link BenchResults} (every field, recursively, and
 * that cases name known workloads and configurations, with measurements when `ok`) and
 * returns it typed; throws {@link ResultsSchemaError} naming the first bad field.
 *
 * @example
 * ```ts
 * import { readFileSync } from 'node:fs';
 * const results = validateBenchResults(JSON.parse(readFileSync('docs/benchmarks/results.json', 'utf8')));
 * console.log(results.machine.cpuModel);
 * ```
 */
export function validateBenchResults(value: unknown): BenchResults {
  resultsCheck(value, '');
  const results = value as BenchResults;
  const workloads = new Set(results.workloads.map((workload) => workload.id));
  const configs = new Set(results.configs.map((config) => config.id));
  results.cases.forEach((entry, index) => {
    if (!workloads.has(entry.workload)) fail(`.cases[${index}].workload`, 'the id of a listed workload', entry.workload);
    if (!configs.has(entry.config)) fail(`.cases[${index}].config`, 'the id of a listed configuration', entry.config);
    if (entry.status === 'ok' && (entry.timing === undefined || entry.memory === undefined)) fail(`.cases[${index}]`, 'timing and memory for an ok case', undefined);
    if (entry.status === 'skipped' && entry.reason === undefined) fail(`.cases[${index}].reason`, 'the reason of a skipped case', undefined);
  });
  results.pairs?.forEach((entry, index) => {
    for (const side of ['first', 'second'] as const) {
      if (!workloads.has(entry[side].workload)) fail(`.pairs[${index}].${side}.workload`, 'the id of a listed workload', entry[side].workload);
      if (!configs.has(entry[side].config)) fail(`.pairs[${index}].${side}.config`, 'the id of a listed configuration', entry[side].config);
    }
  });
  return results;
}
