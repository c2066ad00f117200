import type { PairResult } from '../report/results-schema.js';
import { median, relativeSpread } from '../stats/median.js';
import type { Workload } from '../workloads/workloads.js';
import { isS4Config, isW8A8Config, onnxGraphOf, ortWebConfigId, type BenchConfig } from './configs.js';
import type { Contender, PairSpec } from './pair-spec.js';
import { spawnPair } from './spawn-case.js';
import type { TurnsPolicy } from './turns.js';
import type { WorkloadSetup } from './workload-setup.js';

/** The peer the WebAssembly SIMD backend's own speed targets are set against. */
const YARDSTICK_CONFIG = 'tfjs-wasm';

/**
 * How {@link measurePairs} runs its children: the turns policy, the time limit of each
 * child, where progress lines go, and what every case of the run gave (a pair needs both of
 * its contenders to have run on their own).
 *
 * @example
 * ```ts
 * const how: PairRun = { turns: { warmup: 1, burst: 2, minRounds: 2, maxRounds: 4, budgetMs: 100 }, timeoutMs: 60_000, log: console.log, ran: () => true };
 * ```
 */
export interface PairRun {
  readonly turns: TurnsPolicy;
  readonly timeoutMs: number;
  readonly log: (line: string) => void;
  readonly ran: (workload: Workload, config: BenchConfig) => boolean;
}

/**
 * What each WebAssembly SIMD configuration on an int8 workload is timed against in turns,
 * among `configs`: itself on the float32 workload (one backend holding both models), TF.js
 * wasm on float32, and onnxruntime-web on the same number of threads: f32 `MatMul` on
 * float32, and on the int8 weights its `q8` (`DynamicQuantizeLinear` + `MatMulInteger`) and
 * `q4` (`MatMulNBits`, 4 bits) graphs. An s4 configuration (issue #25) is timed against
 * qaxon's int8 weights and onnxruntime-web's `q4` on the same number of threads; a W8A8
 * configuration (issue #21) against qaxon's int8 weights and onnxruntime-web's `q8`.
 *
 * @example
 * ```ts
 * const [wasm1t] = configs.filter((config) => config.id === 'qaxon-wasm-1t');
 * console.log(pairOpponents(wasm1t!, int8, f32, configs).map((side) => side.config.id));
 * // ['qaxon-wasm-1t', 'tfjs-wasm', 'ort-web-1t', 'ort-web-q8-1t', 'ort-web-q4-1t']
 * ```
 */
export function pairOpponents(config: BenchConfig, int8: Workload, f32: Workload, configs: readonly BenchConfig[]): Contender[] {
  if (config.library !== 'qaxon' || config.qaxon.kind !== 'wasm') return [];
  const threads = config.qaxon.threads;
  // s4 (issue #25): against qaxon's s8 and onnxruntime-web's q4 on the same threads.
  // W8A8 (issue #21): against qaxon's weight-only int8 and onnxruntime-web's q8 on the same threads.
  const w8a8: [string, Workload][] = [
    [`qaxon-wasm-${threads}t`, int8],
    [ortWebConfigId(threads, 'matmul-integer'), int8],
  ];
  const wanted: [string, Workload][] = isW8A8Config(config)
    ? w8a8
    : isS4Config(config)
    ? [
        [`qaxon-wasm-${threads}t`, int8],
        [ortWebConfigId(threads, 'matmul-nbits-4'), int8],
      ]
    : [
        [config.id, f32],
        [YARDSTICK_CONFIG, f32],
        [ortWebConfigId(threads), f32],
        [ortWebConfigId(threads, 'matmul-integer'), int8],
        [ortWebConfigId(threads, 'matmul-nbits-4'), int8],
      ];
  return wanted.flatMap(([id, workload]) => {
    const against = configs.find((candidate) => candidate.id === id);
    return against === undefined ? [] : [{ config: against, workload }];
  });
}

/**
 * For each WebAssembly SIMD configuration that measured the int8 form of a shape, times it
 * in turns in one child process (see `turns.ts`) against each of its {@link pairOpponents}
 * that ran on its own: the checks of `@qaxon/kernel-wasm`'s speed targets and the ratios
 * against onnxruntime-web. Each ONNX contender loads the model file of its int8 form.
 *
 * @example
 * ```ts
 * const pairs = await measurePairs(int8, f32, configs, { int8: int8Setup, f32: f32Setup }, how);
 * ```
 */
export async function measurePairs(
  int8: Workload,
  f32: Workload,
  configs: readonly BenchConfig[],
  setups: { readonly int8: WorkloadSetup; readonly f32: WorkloadSetup },
  how: PairRun,
): Promise<PairResult[]> {
  const pairs: PairResult[] = [];
  for (const config of configs) {
    if (!how.ran(int8, config)) continue;
    for (const opponent of pairOpponents(config, int8, f32, configs)) {
      if (!how.ran(opponent.workload, opponent.config)) continue;
      const graph = onnxGraphOf(opponent.config);
      const setup = opponent.workload === int8 ? setups.int8 : setups.f32;
      const stateOf = (own: WorkloadSetup) => (own.blockState === undefined ? {} : { blockState: own.blockState });
      const spec: PairSpec = {
        first: { config, workload: int8, ...stateOf(setups.int8) },
        second: { ...opponent, ...(graph === undefined ? stateOf(setup) : { onnxModel: setup.onnxModelFor(graph) }) },
        turns: how.turns,
        files: setups.int8.mnist === undefined ? {} : { mnist: setups.int8.mnist },
      };
      const outcome = await spawnPair(spec, how.timeoutMs);
      const prefix = `[in turns] ${int8.id.padEnd(24)} ${config.id} against ${opponent.config.id} on ${opponent.workload.weights}:`;
      if (outcome.status === 'skipped') {
        how.log(`${prefix} skipped: ${outcome.reason}`);
        continue;
      }
      const side = (contender: Contender, samples: number[]) => ({
        workload: contender.workload.id,
        config: contender.config.id,
        medianMs: median(samples),
        spread: relativeSpread(samples),
        calls: samples.length,
      });
      const pair: PairResult = { rounds: outcome.rounds, first: side(spec.first, outcome.firstMs), second: side(spec.second, outcome.secondMs) };
      how.log(`${prefix} ${pair.first.medianMs.toFixed(3)} ms against ${pair.second.medianMs.toFixed(3)} ms (${(pair.first.medianMs / pair.second.medianMs).toFixed(3)}x)`);
      pairs.push(pair);
    }
  }
  return pairs;
}
