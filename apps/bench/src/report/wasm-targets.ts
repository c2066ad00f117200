import type { BenchResults, CaseResult } from './results-schema.js';

/** The median and spread of a case or of one side of a pair. */
type Timing = Pick<NonNullable<CaseResult['timing']>, 'medianMs' | 'spread'>;

/**
 * One speed target of `@qaxon/kernel-wasm`, checked on a run's medians: `value` is a
 * ratio of times (the qaxon configuration's median over the yardstick's), met when it is
 * at most `limit`.
 *
 * @example
 * ```ts
 * const target: WasmTarget = { target: 'GEMV 1×4096×4096 int8, 1 thread, against TF.js wasm f32', value: 0.6, limit: 0.8, met: true, spreads: [0.02, 0.04] };
 * ```
 */
export interface WasmTarget {
  readonly target: string;
  readonly value: number;
  readonly limit: number;
  readonly met: boolean;
  /** The relative spreads of the two medians (qaxon, yardstick): how far apart their timed calls were. */
  readonly spreads: readonly [number, number];
}

const TFJS_WASM = 'tfjs-wasm';
const ONE_THREAD = 'qaxon-wasm-1t';

/**
 * The targets of the WebAssembly SIMD backend that a run can check, in this order:
 * int8 GEMV 1×4096×4096 at most 0.8× TF.js wasm's f32 time on one thread and at most 0.5×
 * with the most threads measured; int8 GEMM 64×1024×1024 on one thread at most TF.js
 * wasm's f32 time; and on every workload measured in both forms, each wasm configuration's
 * int8 time at most its own f32 time, from the two timed in turns in one process
 * ({@link BenchResults.pairs}) where the run has them, else from the two separate cases.
 * A target whose cases did not run (a quick run, a skipped configuration) is left out.
 *
 * @example
 * ```ts
 * for (const t of wasmKernelTargets(results)) console.log(t.met ? 'met' : 'missed', t.target, t.value);
 * ```
 */
export function wasmKernelTargets(results: BenchResults): WasmTarget[] {
  const timing = (workload: string, config: string) =>
    results.cases.find((candidate) => candidate.workload === workload && candidate.config === config && candidate.status === 'ok')?.timing;
  const label = (id: string) => results.configs.find((config) => config.id === id)?.label ?? id;
  const workloadLabel = (id: string) => results.workloads.find((entry) => entry.id === id)?.label ?? id;
  const wasmConfigs = results.configs
    .map((config) => ({ id: config.id, threads: Number(/^qaxon-wasm-(\d+)t$/.exec(config.id)?.[1] ?? Number.NaN) }))
    .filter((config) => Number.isInteger(config.threads))
    .sort((a, b) => a.threads - b.threads);
  const most = wasmConfigs.at(-1);
  const targets: WasmTarget[] = [];
  const add = (target: string, qaxon: Timing | undefined, yardstick: Timing | undefined, limit: number) => {
    if (qaxon === undefined || yardstick === undefined || !(yardstick.medianMs > 0)) return;
    const value = qaxon.medianMs / yardstick.medianMs;
    targets.push({ target, value, limit, met: value <= limit, spreads: [qaxon.spread, yardstick.spread] });
  };

  const tfjsGemv = timing('gemv-1x4096x4096-f32', TFJS_WASM);
  add('GEMV 1×4096×4096 int8, 1 thread, against TF.js wasm f32 (at most 0.8×)', timing('gemv-1x4096x4096-int8', ONE_THREAD), tfjsGemv, 0.8);
  if (most !== undefined && most.threads > 1) {
    add(`GEMV 1×4096×4096 int8, ${most.threads} threads, against TF.js wasm f32 (at most 0.5×)`, timing('gemv-1x4096x4096-int8', most.id), tfjsGemv, 0.5);
  }
  add('GEMM 64×1024×1024 int8, 1 thread, against TF.js wasm f32 (at most 1×)', timing('gemm-64x1024x1024-int8', ONE_THREAD), timing('gemm-64x1024x1024-f32', TFJS_WASM), 1);

  for (const workload of results.workloads.filter((entry) => entry.id.endsWith('-int8'))) {
    const float = workload.id.replace(/-int8$/, '-f32');
    const shape = workloadLabel(workload.id).replace(/ int8$/, '');
    for (const config of wasmConfigs) {
      const pair = results.pairs?.find((entry) => entry.group === workload.group && entry.config === config.id);
      if (pair !== undefined) {
        add(`${shape}: ${label(config.id)}, int8 against its own f32, in turns in one process (at most 1×)`, pair.int8, pair.f32, 1);
      } else {
        add(`${shape}: ${label(config.id)}, int8 against its own f32, separate processes (at most 1×)`, timing(workload.id, config.id), timing(float, config.id), 1);
      }
    }
  }
  return targets;
}
