#!/usr/bin/env node
/**
 * The child process of the bench: measures one configuration on one workload in a fresh
 * process (so that its peak RSS is its own) and prints a {@link CaseOutcome} line.
 * Usage: `node --expose-gc dist/suite/measure-case.js '<CaseSpec JSON>'`.
 *
 * @packageDocumentation
 */
import { readFileSync } from 'node:fs';
import { ConfigurationUnavailable, type LibraryRunner } from '../runners/runner.js';
import { OUTCOME_PREFIX, type CaseOutcome, type CaseSpec } from './case-spec.js';
import { createRunner, prepareWorkload } from './prepare-model.js';
import { measureCalls } from './timing.js';

/** Calls of a per-op breakdown (its share is their median). */
const BREAKDOWN_CALLS = 20;

async function measure(spec: CaseSpec): Promise<CaseOutcome> {
  let runner: LibraryRunner;
  try {
    runner = await createRunner(spec.config);
  } catch (error) {
    if (error instanceof ConfigurationUnavailable) return { status: 'skipped', reason: error.message, unavailable: true };
    throw error;
  }
  const rssAfterImportBytes = settledRss();
  const { model, x, rows, sample } = await prepareWorkload(runner, spec.workload, spec);
  const first = await model.run(x, rows);
  const output = sample(first);
  const memory = model.weightMemory();
  const rssLoadedBytes = settledRss();
  const timing = await measureCalls(() => model.run(x, rows), spec.timing);
  // After the timed calls, so that recording never touches them.
  const opBreakdown = await model.opBreakdown?.(x, rows, BREAKDOWN_CALLS);
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
    ...(opBreakdown === undefined ? {} : { opBreakdown }),
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
