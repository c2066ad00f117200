#!/usr/bin/env node
/**
 * The child process of the bench: measures one configuration on one workload in a fresh
 * process (so that its peak RSS is its own) and prints a {@link CaseOutcome} line.
 * Usage: `node --expose-gc dist/suite/measure-case.js '<CaseSpec JSON>'`.
 *
 * @packageDocumentation
 */
import { readFileSync } from 'node:fs';
import { ConfigurationUnavailable, type LibraryRunner, type PreparedModel } from '../runners/runner.js';
import { mnistLayers } from '../workloads/mnist-data.js';
import { MNIST_PIXELS } from '../workloads/mnist-digits.js';
import { kernelInput, kernelWeights, samplePositions } from '../workloads/seeded-data.js';
import { OUTCOME_PREFIX, type CaseOutcome, type CaseSpec } from './case-spec.js';
import { measureCalls } from './timing.js';
import type { BenchConfig } from './configs.js';
import type { OrtRunner } from '../runners/ort-runner.js';

async function createRunner(config: BenchConfig): Promise<LibraryRunner> {
  switch (config.library) {
    case 'qaxon':
      return (await import('../runners/qaxon-runner.js')).qaxonRunner(config.qaxon);
    case 'tfjs':
      return (await import('../runners/tfjs-runner.js')).tfjsRunner(config.tfjs);
    case 'ort':
      return (await import('../runners/ort-runner.js')).ortRunner(config.ort);
  }
}

async function prepare(spec: CaseSpec, runner: LibraryRunner): Promise<{ model: PreparedModel; x: Float32Array; rows: number; sample: (y: Float32Array) => number[] }> {
  const { workload } = spec;
  const int8 = workload.weights === 'int8';
  if (workload.kind === 'kernel') {
    const positions = samplePositions(workload);
    const model =
      spec.onnxModel !== undefined && 'prepareModelFile' in runner
        ? await (runner as OrtRunner).prepareModelFile(spec.onnxModel.path, spec.onnxModel.weightBytes, int8)
        : await runner.prepareKernel(kernelWeights(workload));
    return { model, x: kernelInput(workload), rows: workload.m, sample: (y) => positions.map((position) => y[position]!) };
  }
  if (spec.mnist === undefined) throw new Error(`measure-case: workload ${workload.id} needs the mnist paths, got none`);
  const digits = new Float32Array(readFileSync(spec.mnist.digitsPath).buffer.slice(0));
  const x = digits.slice(0, workload.batch * MNIST_PIXELS);
  const model =
    spec.onnxModel !== undefined && 'prepareModelFile' in runner
      ? await (runner as OrtRunner).prepareModelFile(spec.onnxModel.path, spec.onnxModel.weightBytes, int8)
      : await runner.prepareMlp(mnistLayers(spec.mnist.weightsPath, workload.weights));
  return { model, x, rows: workload.batch, sample: (y) => [...y] };
}

async function measure(spec: CaseSpec): Promise<CaseOutcome> {
  let runner: LibraryRunner;
  try {
    runner = await createRunner(spec.config);
  } catch (error) {
    if (error instanceof ConfigurationUnavailable) return { status: 'skipped', reason: error.message, unavailable: true };
    throw error;
  }
  const rssAfterImportBytes = settledRss();
  const { model, x, rows, sample } = await prepare(spec, runner);
  const first = await model.run(x, rows);
  const output = sample(first);
  const memory = model.weightMemory();
  const rssLoadedBytes = settledRss();
  const timing = await measureCalls(() => model.run(x, rows), spec.timing);
  await model.dispose();
  return {
    status: 'ok',
    samplesMs: timing.samplesMs,
    warmupMs: timing.warmupMs,
    timingNote: timing.note,
    output,
    weightBytes: memory.bytes,
    weightNote: memory.note,
    details: model.details,
    rssAfterImportBytes,
    rssLoadedBytes,
    ...peakRss(),
  };
}

/**
 * The process's peak RSS. On Linux `getrusage` (`process.resourceUsage().maxRSS`) carries
 * over the high-water mark of the memory image `exec` replaced, i.e. the parent's RSS at
 * spawn time, so the peak of this process's own memory is read from `VmHWM` in
 * `/proc/self/status`; elsewhere `maxRSS` is all there is.
 */
function peakRss(): { peakRssBytes: number; resourceUsageMaxRssBytes: number } {
  const resourceUsageMaxRssBytes = process.resourceUsage().maxRSS * 1024;
  try {
    const match = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (match?.[1] !== undefined) return { peakRssBytes: Number(match[1]) * 1024, resourceUsageMaxRssBytes };
  } catch {
    // not Linux
  }
  return { peakRssBytes: resourceUsageMaxRssBytes, resourceUsageMaxRssBytes };
}

function settledRss(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().rss;
}

const specText = process.argv[2];
if (specText === undefined) {
  console.error("measure-case: expected a CaseSpec as JSON in the first argument, got nothing");
  process.exit(2);
}
const outcome = await measure(JSON.parse(specText) as CaseSpec);
process.stdout.write(`${OUTCOME_PREFIX}${JSON.stringify(outcome)}\n`);
// Worker threads (wasm backend, ONNX Runtime pools) must not keep the process alive.
process.exit(0);
