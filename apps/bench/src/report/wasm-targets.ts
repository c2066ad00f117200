import type { BenchResults } from './results-schema.js';
import { timeRatio } from './target-ratio.js';

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
 * int8 time at most its own f32 time. Each ratio comes from the two contenders timed in
 * turns in one process ({@link BenchResults.pairs}) where the run has that pair, else from
 * the two separate cases; the target's text says which.
 * A target whose cases did not run (a quick run, a skipped configuration) is left out.
 *
 * @example
 * ```ts
 * for (const t of wasmKernelTargets(results)) console.log(t.met ? 'met' : 'missed', t.target, t.value);
 * ```
 */
export function wasmKernelTargets(results: BenchResults): WasmTarget[] {
  const label = (id: string) => results.configs.find((config) => config.id === id)?.label ?? id;
  const workloadLabel = (id: string) => results.workloads.find((entry) => entry.id === id)?.label ?? id;
  const wasmConfigs = results.configs
    .map((config) => ({ id: config.id, threads: Number(/^qaxon-wasm-(\d+)t$/.exec(config.id)?.[1] ?? Number.NaN) }))
    .filter((config) => Number.isInteger(config.threads))
    .sort((a, b) => a.threads - b.threads);
  const most = wasmConfigs.at(-1);
  const targets: WasmTarget[] = [];
  /** The ratio of `qaxon` on `int8` to `against` on `f32`: from a pair timed in turns where the run has one, else from the two cases. */
  const add = (target: string, int8: string, qaxon: string, f32: string, against: string, limit: number) => {
    const ratio = timeRatio(results, { workload: int8, config: qaxon }, { workload: f32, config: against });
    if (ratio === undefined) return;
    targets.push({ target: `${target}, ${ratio.how} (at most ${limit}×)`, value: ratio.value, limit, met: ratio.value <= limit, spreads: ratio.spreads });
  };

  add('GEMV 1×4096×4096 int8, 1 thread, against TF.js wasm f32', 'gemv-1x4096x4096-int8', ONE_THREAD, 'gemv-1x4096x4096-f32', TFJS_WASM, 0.8);
  if (most !== undefined && most.threads > 1) {
    add(`GEMV 1×4096×4096 int8, ${most.threads} threads, against TF.js wasm f32`, 'gemv-1x4096x4096-int8', most.id, 'gemv-1x4096x4096-f32', TFJS_WASM, 0.5);
  }
  add('GEMM 64×1024×1024 int8, 1 thread, against TF.js wasm f32', 'gemm-64x1024x1024-int8', ONE_THREAD, 'gemm-64x1024x1024-f32', TFJS_WASM, 1);

  for (const workload of results.workloads.filter((entry) => entry.id.endsWith('-int8'))) {
    const float = workload.id.replace(/-int8$/, '-f32');
    const shape = workloadLabel(workload.id).replace(/ int8$/, '');
    for (const config of wasmConfigs) add(`${shape}: ${label(config.id)}, int8 against its own f32`, workload.id, config.id, float, config.id, 1);
  }
  return targets;
}
