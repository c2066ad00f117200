import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RESULTS_DIR } from '../paths.js';
import { sampleResults } from '../test-support/sample-results.js';
import { ResultsSchemaError, validateBenchResults } from './results-schema.js';

describe('validateBenchResults', () => {
  it('accepts a complete results object and survives a JSON round trip', () => {
    const results = sampleResults();
    expect(validateBenchResults(JSON.parse(JSON.stringify(results)))).toEqual(results);
  });

  it('names the path of the first bad field', () => {
    const results = sampleResults() as unknown as { machine: { logicalCores: unknown }; cases: { timing?: { medianMs: unknown } }[] };
    results.machine.logicalCores = 'two';
    expect(() => validateBenchResults(results)).toThrow(ResultsSchemaError);
    expect(() => validateBenchResults(results)).toThrow('results .machine.logicalCores: expected a number >= 0, got "two"');
    const nan = sampleResults() as unknown as { cases: { timing: { medianMs: unknown } }[] };
    nan.cases[0]!.timing.medianMs = NaN;
    expect(() => validateBenchResults(nan)).toThrow('results .cases[0].timing.medianMs: expected a number >= 0, got null');
  });

  it('refuses unknown versions, modes and statuses', () => {
    expect(() => validateBenchResults({ ...sampleResults(), schemaVersion: 1 })).toThrow('results .schemaVersion: expected 2, got 1');
    expect(() => validateBenchResults({ ...sampleResults(), mode: 'slow' })).toThrow(/results .mode: expected one of full, quick, got "slow"/);
    expect(() => validateBenchResults({})).toThrow(/results .schemaVersion: expected 2, got nothing/);
  });

  it('checks that cases name listed workloads and configurations, and that ok cases carry measurements', () => {
    const results = sampleResults();
    expect(() => validateBenchResults({ ...results, cases: [{ ...results.cases[0]!, config: 'tfjs-gpu' }] })).toThrow(
      'results .cases[0].config: expected the id of a listed configuration, got "tfjs-gpu"',
    );
    const { timing: _timing, ...withoutTiming } = results.cases[0]!;
    expect(() => validateBenchResults({ ...results, cases: [withoutTiming] })).toThrow(/cases\[0\]: expected timing and memory for an ok case/);
    const { reason: _reason, ...withoutReason } = results.cases[2]!;
    expect(() => validateBenchResults({ ...results, cases: [withoutReason] })).toThrow(/cases\[0\].reason: expected the reason of a skipped case/);
  });

  it('checks that pairs name listed workloads and configurations, with both sides timed', () => {
    const results = sampleResults();
    const side = (config: string) => ({ workload: 'gemv-1x1024x4096-int8', config, medianMs: 0.5, spread: 0.01, calls: 20 });
    const pair = { rounds: 4, first: side('qaxon-wasm-1t'), second: side('ort-1t') };
    expect(validateBenchResults({ ...results, pairs: [pair] }).pairs).toEqual([pair]);
    expect(() => validateBenchResults({ ...results, pairs: [{ ...pair, second: { ...side('ort-1t'), workload: 'gemv-9x9x9-f32' } }] })).toThrow(
      'results .pairs[0].second.workload: expected the id of a listed workload, got "gemv-9x9x9-f32"',
    );
    expect(() => validateBenchResults({ ...results, pairs: [{ ...pair, first: side('tfjs-gpu') }] })).toThrow('results .pairs[0].first.config: expected the id of a listed configuration, got "tfjs-gpu"');
    const { second: _second, ...half } = pair;
    expect(() => validateBenchResults({ ...results, pairs: [half] })).toThrow('results .pairs[0].second: expected an object, got nothing');
  });

  it.runIf(existsSync(`${RESULTS_DIR}/results.json`))('the committed docs/benchmarks/results.json follows the schema', () => {
    const results = validateBenchResults(JSON.parse(readFileSync(`${RESULTS_DIR}/results.json`, 'utf8')));
    expect(results.mode).toBe('full');
    expect(results.headlines.length).toBeGreaterThan(0);
  });
});
