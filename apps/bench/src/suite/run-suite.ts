import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { machineInfo, libraryVersions } from '../machine.js';
import { BENCH_PACKAGE_DIR, REPOSITORY_ROOT } from '../paths.js';
import { RESULTS_SCHEMA_VERSION, type BenchResults, type CaseResult, type ConfigSummary, type PairResult, type WorkloadSummary } from '../report/results-schema.js';
import { median, relativeSpread } from '../stats/median.js';
import { suiteWorkloads, workloadLabel, type Workload } from '../workloads/workloads.js';
import { analyse } from './analysis.js';
import { argmaxAgreement, compareWithOracle } from './accuracy.js';
import type { CaseSpec } from './case-spec.js';
import { benchConfigs, onnxGraphOf, oracleGraphOf, platformOf, runsWorkload, type BenchConfig } from './configs.js';
import { measurePairs } from './run-pairs.js';
import { spawnCase } from './spawn-case.js';
import type { TimingPolicy } from './timing.js';
import type { TurnsPolicy } from './turns.js';
import { prepareMnist, setUpBlock, setUpKernel, setUpMnist, type Oracle, type WorkloadSetup } from './workload-setup.js';

/**
 * How {@link runSuite} runs: `quick` (a smaller suite for a check under a minute), a
 * free-text note about the machine, optional filters on configuration and workload ids, and
 * where progress lines go.
 *
 * @example
 * ```ts
 * const options: SuiteOptions = { quick: true, machineNote: '', log: console.log };
 * ```
 */
export interface SuiteOptions {
  readonly quick: boolean;
  readonly machineNote: string;
  readonly onlyConfigs?: RegExp;
  readonly onlyWorkloads?: RegExp;
  readonly log: (line: string) => void;
}

const FULL_TIMING: TimingPolicy = { warmup: 2, minRuns: 5, maxRuns: 25, budgetMs: 1500, slowCallMs: 4000 };
const QUICK_TIMING: TimingPolicy = { warmup: 1, minRuns: 3, maxRuns: 8, budgetMs: 150, slowCallMs: 1000 };
// 300 ms of untimed turns first: a sub-millisecond call (MNIST batch 1) runs thousands of
// times before its JavaScript is optimized, as it is in an app that predicts repeatedly.
const FULL_TURNS: TurnsPolicy = { warmup: 3, warmupMs: 300, burst: 5, minRounds: 4, maxRounds: 60, budgetMs: 3000 };
const QUICK_TURNS: TurnsPolicy = { warmup: 1, burst: 2, minRounds: 2, maxRounds: 10, budgetMs: 300 };
/**
 * Runs the whole comparison: every configuration on every workload, each in a fresh child
 * process, and returns the results with ratios and headlines (not yet written anywhere).
 *
 * @example
 * ```ts
 * const results = await runSuite({ quick: true, machineNote: '', log: console.log });
 * console.log(results.headlines.length);
 * ```
 */
export async function runSuite(options: SuiteOptions): Promise<BenchResults> {
  const started = performance.now();
  const machine = machineInfo(options.machineNote);
  const configs = benchConfigs(machine.logicalCores).filter((config) => options.onlyConfigs?.test(config.id) ?? true);
  const workloads = suiteWorkloads(options.quick).filter((workload) => options.onlyWorkloads?.test(workload.id) ?? true);
  const timing = options.quick ? QUICK_TIMING : FULL_TIMING;
  const timeoutMs = options.quick ? 60_000 : 240_000;
  const scratch = mkdtempSync(join(os.tmpdir(), 'qaxon-bench-'));
  const unavailable = new Map<string, string>();
  const cases: CaseResult[] = [];
  const pairs: PairResult[] = [];
  const workloadSummaries: WorkloadSummary[] = [];
  const total = workloads.reduce((count, workload) => count + configs.filter((config) => runsWorkload(config, workload)).length, 0);
  let done = 0;
  options.log(`qaxon bench (${options.quick ? 'quick' : 'full'}): ${workloads.length} workloads, ${configs.length} configurations, ${total} cases`);
  options.log(`machine: ${machine.cpuModel}, ${machine.logicalCores} logical cores, Node ${machine.nodeVersion}, load ${machine.loadAverageAtStart.join(' ')}`);
  try {
    const mnist = prepareMnist(scratch, workloads);
    const setups = new Map<string, WorkloadSetup>();
    const ran = (workload: Workload, config: BenchConfig) => cases.some((entry) => entry.workload === workload.id && entry.config === config.id && entry.status === 'ok');
    for (const workload of workloads) {
      const summary: WorkloadSummary = {
        id: workload.id,
        label: workloadLabel(workload),
        kind: workload.kind,
        group: workload.id.replace(/-(f32|int8)$/, ''),
        weights: workload.weights,
      };
      const setup =
        workload.kind === 'kernel'
          ? setUpKernel(scratch, workload)
          : workload.kind === 'block'
            ? await setUpBlock(scratch, workload)
            : typeof mnist === 'object'
              ? await setUpMnist(scratch, workload, mnist)
              : (mnist ?? 'the MNIST files were not prepared');
      const own = configs.filter((config) => runsWorkload(config, workload));
      if (typeof setup === 'string') {
        workloadSummaries.push({ ...summary, skipped: setup });
        options.log(`skip ${workload.id}: ${setup}`);
        for (const config of own) cases.push({ workload: workload.id, config: config.id, status: 'skipped', reason: setup });
        done += own.length;
        continue;
      }
      setups.set(workload.id, setup);
      workloadSummaries.push(summary);
      for (const config of own) {
        done++;
        const prefix = `[${String(done).padStart(3)}/${total}] ${workload.id.padEnd(24)} ${config.id.padEnd(22)}`;
        const known = unavailable.get(config.id);
        if (known !== undefined) {
          cases.push({ workload: workload.id, config: config.id, status: 'skipped', reason: known });
          continue;
        }
        const graph = onnxGraphOf(config);
        const spec: CaseSpec = {
          workload,
          config,
          timing,
          ...(graph === undefined ? {} : { onnxModel: setup.onnxModelFor(graph) }),
          ...(setup.mnist === undefined ? {} : { mnist: setup.mnist }),
          ...(setup.blockState === undefined || graph !== undefined ? {} : { blockState: setup.blockState }),
        };
        const result = toCaseResult(workload, config, await setup.oracleFor(oracleGraphOf(config)), await spawnCase(spec, timeoutMs));
        if (result.status === 'skipped') {
          options.log(`${prefix} skipped: ${result.reason}`);
          if (result.unavailable) unavailable.set(config.id, result.reason ?? 'unavailable');
        } else options.log(`${prefix} ${describeCase(result)}`);
        cases.push(result.entry);
      }
      if (workload.weights !== 'int8') continue;
      const f32 = workloads.find((candidate) => candidate.id === workload.id.replace(/-int8$/, '-f32'));
      const f32Setup = f32 === undefined ? undefined : setups.get(f32.id);
      if (f32 !== undefined && f32Setup !== undefined) {
        const turns = options.quick ? QUICK_TURNS : FULL_TURNS;
        pairs.push(...(await measurePairs(workload, f32, configs, { int8: setup, f32: f32Setup }, { turns, timeoutMs, log: options.log, ran })));
      }
      for (const id of [workload.id, f32?.id]) {
        if (id === undefined) continue;
        setups.get(id)?.dispose();
        setups.delete(id);
      }
    }
    for (const setup of setups.values()) setup.dispose();
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  const configSummaries: ConfigSummary[] = configs.map(({ id, label, library, peer }) => ({ id, label, library, peer, platform: platformOf(library) }));
  const analysed = analyse(workloadSummaries, configSummaries, cases);
  return {
    schemaVersion: RESULTS_SCHEMA_VERSION,
    generatedAt: new Date().toISOString(),
    mode: options.quick ? 'quick' : 'full',
    durationSeconds: Math.round((performance.now() - started) / 100) / 10,
    machine,
    libraries: libraryVersions([
      { name: 'onnxruntime-node', from: BENCH_PACKAGE_DIR },
      { name: 'onnxruntime-web', from: BENCH_PACKAGE_DIR },
      { name: '@tensorflow/tfjs', from: BENCH_PACKAGE_DIR },
      { name: '@tensorflow/tfjs-backend-wasm', from: BENCH_PACKAGE_DIR },
      { name: 'gpu.js', from: `${REPOSITORY_ROOT}/packages/kernel-gpu` },
      ...['tensor', 'kernel-reference', 'kernel-gpu', 'kernel-wasm', 'graph', 'quantization'].map((name) => ({ name: `@qaxon/${name}`, from: BENCH_PACKAGE_DIR })),
    ]),
    configs: configSummaries,
    workloads: analysed.workloads,
    cases: analysed.cases,
    headlines: analysed.headlines,
    int8VsF32Headlines: analysed.int8VsF32Headlines,
    pairs,
    notes: METHOD_NOTES,
  };
}

/** How the numbers were obtained, written into the results and the markdown. */
const METHOD_NOTES: string[] = [
  'Each configuration runs on each workload in a fresh Node process: imports, weights load, one checked call, warm-up, then timed calls; the median of the timed calls is reported.',
  'A call is what a user does: input array in, output array out (TF.js: tensor2d, matMul, dataSync; ONNX Runtime node and web: session.run; qaxon: upload, the dense/quantizedDense op, download; or graph predict).',
  'Ratios are pair by pair within this run: speedup = fastest peer median / this median (above 1 is faster); memory ratios = this / fastest peer.',
  'Weight bytes: qaxon = backend.memory().deviceBytes with the weights placed on the backend and the host copies dropped (held once); TF.js = tf.memory().numBytes after loading; ONNX Runtime (node and web) = initializer bytes of the model file (its pre-packed or dequantized copies only show in RSS).',
  'Peak RSS = the high-water mark of the child process (VmHWM in /proc/self/status; it includes Node and the library runtime). process.resourceUsage().maxRSS is recorded too, but on Linux it starts from the parent\'s RSS at spawn time (exec keeps the old high-water mark), so it is not used for ratios. ONNX Runtime children load the .onnx file from disk and never hold the weights as JavaScript arrays.',
  'Int8 weights: TF.js has no int8 matmul, so they are expanded to float32 on load (as its converter does). ONNX Runtime for Node gets DequantizeLinear(int8, per-axis scales, axis=1) -> MatMul, which it fuses to MatMulNBits; by default (accuracy level 4) it quantizes activations to int8 per block, so "f32 activations" rows set session.qdq_matmulnbits_accuracy_level=1 to do the same arithmetic as qaxon.',
  'onnxruntime-web runs in Node from its npm package (wasm execution provider, SIMD, ort.env.wasm.numThreads set to 1 or 2; more than one thread runs on worker threads, and each case records the process\'s OS threads before and with a session open). Its int8 graphs on the same int8 weights: DequantizeLinear + MatMul; DynamicQuantizeLinear + MatMulInteger (q8, as transformers.js q8 models: activations quantized to uint8 per tensor at each call, int8 weights, int32 products rescaled by x_scale · w_scale); com.microsoft MatMulNBits with 8 bits (the same int8 values and column scales, blocks of 32) and 4 bits (q4, as transformers.js q4 models: the weights quantized again, symmetric per block of 32 rows and column, scale = amax / 7.5, so this row holds other weights and is checked against their own float64 oracle; its description gives how far that oracle is from the int8 one).',
  'Pairs in turns: each qaxon WebAssembly SIMD configuration on int8 weights is timed in one child process, in alternating bursts, against itself on f32, TF.js wasm on f32, and onnxruntime-web on the same thread count (f32 MatMul on f32, q8 and q4 on the same int8 weights).',
  'Accuracy: kernels are compared at 64 seeded output positions with a float64 oracle; the MNIST MLP with the qaxon reference backend (float64 accumulation) on the same weights, and argmax agreement with the float model.',
  '"Fastest exact peer" counts only peers within 1e-4 relative difference of the oracle.',
  'Transformer blocks (issue #19): a BERT-base encoder layer (hidden 768, 12 heads, intermediate 3072, post-LayerNorm, GELU erf) on 128 tokens with a padding mask of ones, and one decoding step of a TinyLlama-1.1B layer (hidden 2048, 32 heads, 4 key/value heads of 64, intermediate 5632, RMSNorm eps 1e-5, rope theta 10000) after a KV cache of 128 tokens, batch 1; seeded weights of the scale of their initializers (normal, deviation 0.02; norm gains near 1), int8 = the float32 state quantized by @qaxon/quantization quantize (per output column). qaxon builds them with @qaxon/graph encoderBlock / decoderBlock and loads the state from a safetensors file; ONNX Runtime runs the same weights as an ONNX graph with fused com.microsoft operators (MultiHeadAttention, Gelu; GroupQueryAttention with rotary, SimplifiedLayerNormalization), the int8 forms as for kernels. Each call feeds the inputs besides the weights (mask; position and past key/value) and returns the block output only. Accuracy: the qaxon reference backend (float64) at 256 seeded output positions (every output of a step).',
];

function toCaseResult(
  workload: Workload,
  config: BenchConfig,
  oracle: Oracle,
  outcome: Awaited<ReturnType<typeof spawnCase>>,
): { status: 'ok' | 'skipped'; entry: CaseResult; reason?: string; unavailable?: boolean } {
  if (outcome.status === 'skipped') {
    return {
      status: 'skipped',
      reason: outcome.reason,
      unavailable: outcome.unavailable === true,
      entry: { workload: workload.id, config: config.id, status: 'skipped', reason: outcome.reason },
    };
  }
  const { maxAbsDiff, maxRelDiff } = compareWithOracle(outcome.output, oracle.expected);
  const agreement = oracle.floatReference === undefined ? undefined : argmaxAgreement(outcome.output, oracle.floatReference, 10);
  const entry: CaseResult = {
    workload: workload.id,
    config: config.id,
    status: 'ok',
    details: outcome.details,
    timing: {
      medianMs: median(outcome.samplesMs),
      spread: relativeSpread(outcome.samplesMs),
      samplesMs: outcome.samplesMs.map((sample) => Math.round(sample * 1000) / 1000),
      warmupMs: outcome.warmupMs.map((sample) => Math.round(sample * 1000) / 1000),
      ...(outcome.timingNote === undefined ? {} : { note: outcome.timingNote }),
    },
    memory: {
      weightBytes: outcome.weightBytes,
      weightNote: outcome.weightNote,
      peakRssBytes: outcome.peakRssBytes,
      resourceUsageMaxRssBytes: outcome.resourceUsageMaxRssBytes,
      rssAfterImportBytes: outcome.rssAfterImportBytes,
      rssLoadedBytes: outcome.rssLoadedBytes,
    },
    accuracy: {
      maxAbsDiff: finiteOrMax(maxAbsDiff),
      maxRelDiff: finiteOrMax(maxRelDiff),
      oracle: oracle.description,
      ...(agreement === undefined ? {} : { argmaxAgreement: agreement }),
    },
    ...(outcome.opBreakdown === undefined ? {} : { opBreakdown: outcome.opBreakdown }),
  };
  return { status: 'ok', entry };
}

function finiteOrMax(value: number): number {
  return Number.isFinite(value) ? value : Number.MAX_VALUE;
}

function describeCase(result: { entry: CaseResult }): string {
  const { timing, memory, accuracy } = result.entry;
  if (timing === undefined || memory === undefined || accuracy === undefined) return 'ok';
  const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;
  const agreement = accuracy.argmaxAgreement === undefined ? '' : `  argmax agree ${(accuracy.argmaxAgreement * 100).toFixed(1)}%`;
  const breakdown = result.entry.opBreakdown === undefined ? '' : `  non-dense ${(result.entry.opBreakdown.nonDenseShare * 100).toFixed(1)}%`;
  return `${timing.medianMs.toFixed(3).padStart(10)} ms (±${(timing.spread * 100).toFixed(0)}%, ${timing.samplesMs.length} runs)  weights ${mib(memory.weightBytes)}  peak RSS ${mib(memory.peakRssBytes)}  max|Δ| ${accuracy.maxAbsDiff.toExponential(1)} (rel ${accuracy.maxRelDiff.toExponential(1)})${agreement}${breakdown}${timing.note === undefined ? '' : `  [${timing.note}]`}`;
}
