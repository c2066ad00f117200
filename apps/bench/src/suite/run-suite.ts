import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { machineInfo, libraryVersions } from '../machine.js';
import { matmulModel, mlpModel } from '../onnx/bench-models.js';
import { BENCH_PACKAGE_DIR, MNIST_WEIGHTS_PATH, REPOSITORY_ROOT } from '../paths.js';
import { RESULTS_SCHEMA_VERSION, type BenchResults, type CaseResult, type ConfigSummary, type PairResult, type WorkloadSummary } from '../report/results-schema.js';
import { onnxWeightBytes } from '../runners/ort-runner.js';
import { qaxonRunner } from '../runners/qaxon-runner.js';
import type { MlpLayer } from '../runners/runner.js';
import { median, relativeSpread } from '../stats/median.js';
import { mnistLayers } from '../workloads/mnist-data.js';
import { MNIST_PIXELS, pickMnistDigits } from '../workloads/mnist-digits.js';
import { exactOutputAt, kernelInput, kernelWeights, samplePositions } from '../workloads/seeded-data.js';
import { suiteWorkloads, workloadLabel, type Workload } from '../workloads/workloads.js';
import { analyse } from './analysis.js';
import { argmaxAgreement, compareWithOracle } from './accuracy.js';
import type { CaseSpec } from './case-spec.js';
import { benchConfigs, type BenchConfig } from './configs.js';
import type { Contender, PairSpec } from './pair-spec.js';
import { spawnCase, spawnPair } from './spawn-case.js';
import type { TimingPolicy } from './timing.js';
import type { TurnsPolicy } from './turns.js';

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
const FULL_TURNS: TurnsPolicy = { warmup: 3, burst: 5, minRounds: 4, maxRounds: 60, budgetMs: 3000 };
const QUICK_TURNS: TurnsPolicy = { warmup: 1, burst: 2, minRounds: 2, maxRounds: 10, budgetMs: 300 };
const MNIST_BATCH_MAX = 256;

/** The oracle of one workload: expected outputs (sampled for kernels), and for MNIST the float reference for argmax agreement. */
interface Oracle {
  readonly expected: number[];
  readonly description: string;
  readonly floatReference?: number[];
}

/** What the children of one workload share: the oracle, the ONNX model file, the MNIST files. */
interface WorkloadSetup {
  readonly oracle: Oracle;
  readonly onnxModel: { path: string; weightBytes: number };
  readonly mnist?: { weightsPath: string; digitsPath: string };
}

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
  const total = workloads.reduce((count, workload) => count + configs.filter((config) => config.formats.includes(workload.weights)).length, 0);
  let done = 0;
  options.log(`qaxon bench (${options.quick ? 'quick' : 'full'}): ${workloads.length} workloads, ${configs.length} configurations, ${total} cases`);
  options.log(`machine: ${machine.cpuModel}, ${machine.logicalCores} logical cores, Node ${machine.nodeVersion}, load ${machine.loadAverageAtStart.join(' ')}`);
  try {
    const mnist = prepareMnist(scratch, workloads);
    for (const workload of workloads) {
      const summary: WorkloadSummary = {
        id: workload.id,
        label: workloadLabel(workload),
        kind: workload.kind,
        group: workload.id.replace(/-(f32|int8)$/, ''),
        weights: workload.weights,
      };
      const setup = workload.kind === 'kernel' ? setUpKernel(scratch, workload) : typeof mnist === 'string' ? mnist : await setUpMnist(scratch, workload, mnist);
      const own = configs.filter((config) => config.formats.includes(workload.weights));
      if (typeof setup === 'string') {
        workloadSummaries.push({ ...summary, skipped: setup });
        options.log(`skip ${workload.id}: ${setup}`);
        for (const config of own) cases.push({ workload: workload.id, config: config.id, status: 'skipped', reason: setup });
        done += own.length;
        continue;
      }
      workloadSummaries.push(summary);
      for (const config of own) {
        done++;
        const prefix = `[${String(done).padStart(3)}/${total}] ${workload.id.padEnd(24)} ${config.id.padEnd(22)}`;
        const known = unavailable.get(config.id);
        if (known !== undefined) {
          cases.push({ workload: workload.id, config: config.id, status: 'skipped', reason: known });
          continue;
        }
        const spec: CaseSpec = { workload, config, timing, onnxModel: setup.onnxModel, ...(setup.mnist === undefined ? {} : { mnist: setup.mnist }) };
        const result = toCaseResult(workload, config, setup.oracle, await spawnCase(spec, timeoutMs));
        if (result.status === 'skipped') {
          options.log(`${prefix} skipped: ${result.reason}`);
          if (result.unavailable) unavailable.set(config.id, result.reason ?? 'unavailable');
        } else options.log(`${prefix} ${describeCase(result)}`);
        cases.push(result.entry);
      }
      rmSync(setup.onnxModel.path, { force: true });
      if (workload.weights === 'int8') {
        const f32 = workloads.find((candidate) => candidate.id === workload.id.replace(/-int8$/, '-f32'));
        if (f32 !== undefined) pairs.push(...(await measurePairs(workload, f32, own, cases, setup, { turns: options.quick ? QUICK_TURNS : FULL_TURNS, timeoutMs, log: options.log })));
      }
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  const configSummaries: ConfigSummary[] = configs.map(({ id, label, library, peer }) => ({ id, label, library, peer }));
  const analysed = analyse(workloadSummaries, configSummaries, cases);
  return {
    schemaVersion: RESULTS_SCHEMA_VERSION,
    generatedAt: new Date().toISOString(),
    mode: options.quick ? 'quick' : 'full',
    durationSeconds: Math.round((performance.now() - started) / 100) / 10,
    machine,
    libraries: libraryVersions([
      { name: 'onnxruntime-node', from: BENCH_PACKAGE_DIR },
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
  'A call is what a user does: input array in, output array out (TF.js: tensor2d, matMul, dataSync; ONNX Runtime: session.run; qaxon: backend.dense/quantizedDense or graph predict).',
  'Ratios are pair by pair within this run: speedup = fastest peer median / this median (above 1 is faster); memory ratios = this / fastest peer.',
  'Weight bytes: qaxon = host Tensor/QTensor bytes + backend.memory().deviceBytes; TF.js = tf.memory().numBytes after loading; ONNX Runtime = initializer bytes (its pre-packed copies only show in RSS).',
  'Peak RSS = the high-water mark of the child process (VmHWM in /proc/self/status; it includes Node and the library runtime). process.resourceUsage().maxRSS is recorded too, but on Linux it starts from the parent\'s RSS at spawn time (exec keeps the old high-water mark), so it is not used for ratios. ONNX Runtime children load the .onnx file from disk and never hold the weights as JavaScript arrays.',
  'Int8 weights: TF.js has no int8 matmul, so they are expanded to float32 on load (as its converter does). ONNX Runtime gets DequantizeLinear(int8, per-axis scales, axis=1) -> MatMul, which it fuses to MatMulNBits; by default (accuracy level 4) it quantizes activations to int8 per block, so "f32 activations" rows set session.qdq_matmulnbits_accuracy_level=1 to do the same arithmetic as qaxon.',
  'Accuracy: kernels are compared at 64 seeded output positions with a float64 oracle; the MNIST MLP with the qaxon reference backend (float64 accumulation) on the same weights, and argmax agreement with the float model.',
  '"Fastest exact peer" counts only peers within 1e-4 relative difference of the oracle.',
];

/** The peer the WebAssembly SIMD backend's speed targets are set against. */
const YARDSTICK_CONFIG = 'tfjs-wasm';

/**
 * For each WebAssembly SIMD configuration that measured the int8 form of a shape: its time
 * against the same configuration on the float32 form (one backend holding both models) and
 * against TF.js wasm on the float32 form, each pair timed in turns in one child process
 * (see `turns.ts`): the checks of `@qaxon/kernel-wasm`'s speed targets.
 */
async function measurePairs(
  int8: Workload,
  f32: Workload,
  configs: readonly BenchConfig[],
  cases: readonly CaseResult[],
  setup: WorkloadSetup,
  how: { readonly turns: TurnsPolicy; readonly timeoutMs: number; readonly log: (line: string) => void },
): Promise<PairResult[]> {
  const ran = (workload: Workload, config: BenchConfig) => cases.some((entry) => entry.workload === workload.id && entry.config === config.id && entry.status === 'ok');
  const yardstick = configs.find((config) => config.id === YARDSTICK_CONFIG);
  const pairs: PairResult[] = [];
  for (const config of configs) {
    if (config.library !== 'qaxon' || config.qaxon.kind !== 'wasm' || !ran(int8, config)) continue;
    for (const against of [config, yardstick]) {
      if (against === undefined || !ran(f32, against)) continue;
      const spec: PairSpec = {
        first: { config, workload: int8 },
        second: { config: against, workload: f32 },
        turns: how.turns,
        files: setup.mnist === undefined ? {} : { mnist: setup.mnist },
      };
      const outcome = await spawnPair(spec, how.timeoutMs);
      const prefix = `[in turns] ${int8.id.padEnd(24)} ${config.id} against ${against.id} on f32:`;
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

function setUpKernel(scratch: string, workload: Extract<Workload, { kind: 'kernel' }>): WorkloadSetup {
  const weights = kernelWeights(workload);
  const expected = exactOutputAt(kernelInput(workload), weights, samplePositions(workload));
  const path = join(scratch, `${workload.id}.onnx`);
  writeFileSync(path, matmulModel(weights));
  return { oracle: { expected, description: 'float64 dot products at 64 seeded positions' }, onnxModel: { path, weightBytes: onnxWeightBytes(weights) } };
}

interface MnistFiles {
  readonly digitsPath: string;
  readonly digits: Float32Array;
  readonly layers: { f32: MlpLayer[]; int8: MlpLayer[] };
}

function prepareMnist(scratch: string, workloads: readonly Workload[]): MnistFiles | string | undefined {
  if (!workloads.some((workload) => workload.kind === 'mnist')) return undefined;
  if (!existsSync(MNIST_WEIGHTS_PATH)) return `the trained MNIST weights are missing (${MNIST_WEIGHTS_PATH}): run pnpm --filter mnist train`;
  const digits = pickMnistDigits(MNIST_BATCH_MAX);
  const digitsPath = join(scratch, 'digits.f32');
  writeFileSync(digitsPath, new Uint8Array(digits.buffer));
  return { digitsPath, digits, layers: { f32: mnistLayers(MNIST_WEIGHTS_PATH, 'f32'), int8: mnistLayers(MNIST_WEIGHTS_PATH, 'int8') } };
}

async function setUpMnist(scratch: string, workload: Extract<Workload, { kind: 'mnist' }>, files: MnistFiles | undefined): Promise<WorkloadSetup> {
  if (files === undefined) throw new Error('setUpMnist: MNIST files were not prepared');
  const x = files.digits.slice(0, workload.batch * MNIST_PIXELS);
  const reference = await qaxonRunner({ kind: 'reference' });
  const floatReference = [...(await (await reference.prepareMlp(files.layers.f32)).run(x, workload.batch))];
  const layers = files.layers[workload.weights];
  const expected = workload.weights === 'f32' ? floatReference : [...(await (await reference.prepareMlp(layers)).run(x, workload.batch))];
  const path = join(scratch, `${workload.id}.onnx`);
  writeFileSync(path, mlpModel(layers.map((layer) => ({ weight: layer.weights, bias: layer.bias }))));
  return {
    oracle: { expected, floatReference, description: `qaxon reference backend (float64 accumulation), ${workload.weights} weights` },
    onnxModel: { path, weightBytes: layers.reduce((bytes, layer) => bytes + onnxWeightBytes(layer.weights, layer.bias), 0) },
    mnist: { weightsPath: MNIST_WEIGHTS_PATH, digitsPath: files.digitsPath },
  };
}

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
  return `${timing.medianMs.toFixed(3).padStart(10)} ms (±${(timing.spread * 100).toFixed(0)}%, ${timing.samplesMs.length} runs)  weights ${mib(memory.weightBytes)}  peak RSS ${mib(memory.peakRssBytes)}  max|Δ| ${accuracy.maxAbsDiff.toExponential(1)} (rel ${accuracy.maxRelDiff.toExponential(1)})${agreement}${timing.note === undefined ? '' : `  [${timing.note}]`}`;
}
