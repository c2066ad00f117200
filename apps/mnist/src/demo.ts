import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { build, type Model, type ModelState } from '@qaxon/graph';
import { AUTO_MODE_ORDER, createGpuBackend, defaultGpuConstructor, gpuModeSupport, type GpuBackend } from '@qaxon/kernel-gpu';
import { referenceBackend } from '@qaxon/kernel-reference';
import { quantizationReport, quantize, type QuantizationReport } from '@qaxon/quantization';
import { saveState } from '@qaxon/safetensors/node';
import { tensor, type Backend } from '@qaxon/tensor';
import type { BackendChoice, DemoOptions } from './args.js';
import { startBestBackend, summarizeBestBackend, type BestBackendSummary } from './best-backend.js';
import { PIXELS, selectDigits, splitDigits, type DigitSet } from './data.js';
import { accuracy, agreement, batchTiming, classifyDigits, type Classification } from './evaluate.js';
import { loadFloatState, mnistModel } from './model.js';
import { startProgress } from './progress.js';

/** How many held-out digits feed the quantization report's output-error line. */
const REPORT_SAMPLE_DIGITS = 256;

/**
 * One backend's run of the quantized model over the held-out digits.
 *
 * @example
 * ```ts
 * const line: BackendRun = result.backends[1]!;
 * console.log(line.name, line.accuracy, line.agreementWithReference);
 * ```
 */
export interface BackendRun {
  /** The backend's name: `reference`, `gpu.js:<mode>` or `wasm`. */
  readonly name: string;
  /** Why it ran: the reference backend, a gpu.js backend asked for by mode, or the pick of `createBestBackend()`. */
  readonly role: 'reference' | 'gpu.js' | 'best';
  /** The gpu.js mode that ran, or null when the backend is not gpu.js. */
  readonly gpuMode: string | null;
  readonly accuracy: number;
  /** Fraction of digits where this backend predicts the reference backend's class. */
  readonly agreementWithReference: number;
  readonly timing: ReturnType<typeof batchTiming>;
  /** For `auto`: the better gpu.js modes it passed over, and why (e.g. no display for headless-gl). */
  readonly skippedModes: readonly { mode: string; reason: string }[];
}

/**
 * Everything the demo measured (see `src/report.ts` for how it is printed).
 *
 * @example
 * ```ts
 * const result = await runDemo(parseDemoArguments(['--digits', '100', '--no-save']));
 * console.log(result.floatAccuracy, result.int8Accuracy);
 * ```
 */
export interface DemoResult {
  readonly digits: number;
  readonly batchSize: number;
  readonly floatAccuracy: number;
  /** Accuracy of the quantized model on the reference backend. */
  readonly int8Accuracy: number;
  /** Fraction of digits where the float and the quantized model predict the same class. */
  readonly floatInt8Agreement: number;
  /** Bytes of weights the float state holds. */
  readonly floatBytes: number;
  /** Bytes of weights the quantized state holds (int8 values, scales, zero points, biases). */
  readonly int8Bytes: number;
  readonly floatTiming: ReturnType<typeof batchTiming>;
  /** The quantized model on each backend, the reference backend first. */
  readonly backends: readonly BackendRun[];
  /** The first gpu.js backend's mode (`--backend gpu` or a mode, not `best`), or null when none ran. */
  readonly gpuMode: string | null;
  /** Agreement of the first gpu.js backend with the reference one, or null when none ran. */
  readonly backendAgreement: number | null;
  /** What `createBestBackend()` picked and why, or null when `best` was not among the backends. */
  readonly bestBackend: BestBackendSummary | null;
  readonly report: QuantizationReport;
  /** Where the quantized state was saved, or null. */
  readonly savedTo: string | null;
}

async function scoreOn(label: string, model: Model, state: ModelState, backend: Backend, digits: DigitSet, options: DemoOptions): Promise<Classification> {
  const { predict } = build(model, { backend });
  const bar = startProgress(label, Math.ceil(digits.count / options.batchSize), { silent: options.quiet });
  const result = await classifyDigits((images) => predict(state, images), digits, options.batchSize, bar);
  bar.finish(`accuracy ${(100 * accuracy(result.predictions, digits.labels)).toFixed(2)}%`);
  return result;
}

function startGpuBackend(choice: Extract<BackendChoice, { kind: 'gpu' }>, options: DemoOptions): GpuBackend {
  const bar = startProgress(`starting gpu.js (${choice.mode})`, 1, { silent: options.quiet });
  const backend = createGpuBackend({ mode: choice.mode });
  bar.finish(`mode ${backend.mode}`);
  return backend;
}

/** A backend started for one {@link BackendChoice}: the gpu.js one when it is gpu.js, what was picked and why for `best`. */
interface StartedBackend {
  readonly backend: Backend;
  readonly role: BackendRun['role'];
  readonly gpu?: GpuBackend;
  readonly best?: BestBackendSummary;
}

async function startBackend(choice: BackendChoice, options: DemoOptions): Promise<StartedBackend> {
  if (choice.kind === 'reference') return { backend: referenceBackend, role: 'reference' };
  if (choice.kind === 'gpu') {
    const gpu = startGpuBackend(choice, options);
    return { backend: gpu, role: 'gpu.js', gpu };
  }
  const best = await startBestBackend({ quiet: options.quiet });
  const gpu = best.kind === 'gpu' ? (best.backend as GpuBackend) : undefined;
  return { backend: best.backend, role: 'best', gpu, best: summarizeBestBackend(best) };
}

/** The modes `auto` prefers to the one it ran, each with the reason it was not used. */
function passedOver(backend: GpuBackend): { mode: string; reason: string }[] {
  const better = AUTO_MODE_ORDER.slice(0, Math.max(0, AUTO_MODE_ORDER.indexOf(backend.mode)));
  return better.map((mode) => {
    const failed = backend.skippedModes.find((skipped) => skipped.mode === mode);
    const support = gpuModeSupport(mode, defaultGpuConstructor);
    return { mode, reason: failed?.reason ?? (support === true ? 'not tried' : support) };
  });
}

/**
 * The demo: loads the float MLP, scores it on the held-out digits (reference backend),
 * quantizes it, reports what quantization did, scores the quantized model on each chosen
 * backend (for `best`, the one `createBestBackend()` picks, noting what and why) and saves
 * the quantized state. Every backend started here is disposed once scored. Progress bars go
 * to stderr unless `quiet`.
 *
 * @example
 * ```ts
 * const result = await runDemo(parseDemoArguments([]));
 * console.log(formatDemoReport(result));
 * ```
 */
export async function runDemo(options: DemoOptions): Promise<DemoResult> {
  const loading = startProgress('loading weights and digits', 1, { silent: options.quiet });
  const floatState = await loadFloatState(options.weights);
  const { test } = splitDigits();
  const digits = options.digits === undefined || options.digits >= test.count ? test : selectDigits(test, Array.from({ length: options.digits }, (_, i) => i));
  loading.finish(`${digits.count} held-out digits`);

  const model = mnistModel();
  const float = await scoreOn('float32 on reference', model, floatState, referenceBackend, digits, options);

  const [quantizedModel, quantizedState] = quantize(model, floatState);
  const reporting = startProgress('quantization report', 1, { silent: options.quiet });
  const sample = Math.min(REPORT_SAMPLE_DIGITS, digits.count);
  const report = await quantizationReport(model, floatState, quantizedState, {
    inputs: tensor(digits.images.slice(0, sample * PIXELS), { shape: [sample, PIXELS] }),
  });
  reporting.finish(`${report.floatBytes} -> ${report.quantizedBytes} bytes`);

  const runs: BackendRun[] = [];
  let referencePredictions: Uint8Array | undefined;
  let bestBackend: BestBackendSummary | null = null;
  for (const choice of options.backends) {
    const started = await startBackend(choice, options);
    if (started.best !== undefined) bestBackend = started.best;
    try {
      const { backend } = started;
      const result = await scoreOn(`int8 on ${backend.name}${started.role === 'best' ? ' (best)' : ''}`, quantizedModel, quantizedState, backend, digits, options);
      referencePredictions ??= result.predictions;
      runs.push({
        name: backend.name,
        role: started.role,
        gpuMode: started.gpu?.mode ?? null,
        accuracy: accuracy(result.predictions, digits.labels),
        agreementWithReference: agreement(result.predictions, referencePredictions),
        timing: batchTiming(result.batchMilliseconds),
        skippedModes: choice.kind === 'gpu' && choice.mode === 'auto' && started.gpu !== undefined ? passedOver(started.gpu) : [],
      });
    } finally {
      // The gpu.js backends hold a context, the WebAssembly one worker threads.
      if (started.role !== 'reference') started.backend.dispose?.();
    }
  }

  let savedTo: string | null = null;
  if (options.out !== undefined) {
    await mkdir(dirname(options.out), { recursive: true });
    await saveState(options.out, quantizedState, { metadata: { model: 'mnist-mlp 784-256-128-10, weight-only int8 (qaxon)' } });
    savedTo = options.out;
  }

  const reference = runs[0];
  const gpu = runs.find((run) => run.role === 'gpu.js');
  if (reference === undefined || referencePredictions === undefined) throw new Error('runDemo: expected the reference backend to run first, got no run');
  return {
    digits: digits.count,
    batchSize: options.batchSize,
    floatAccuracy: accuracy(float.predictions, digits.labels),
    int8Accuracy: reference.accuracy,
    floatInt8Agreement: agreement(float.predictions, referencePredictions),
    floatBytes: floatState.byteSize(),
    int8Bytes: quantizedState.byteSize(),
    floatTiming: batchTiming(float.batchMilliseconds),
    backends: runs,
    gpuMode: gpu?.gpuMode ?? null,
    backendAgreement: gpu?.agreementWithReference ?? null,
    bestBackend,
    report,
    savedTo,
  };
}
