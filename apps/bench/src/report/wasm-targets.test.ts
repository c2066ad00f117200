import { describe, expect, it } from 'vitest';
import { resultsWithMedians, sampleResults, WASM_AND_TFJS } from '../test-support/sample-results.js';
import type { BenchResults } from './results-schema.js';
import { markdownReport } from './markdown-report.js';
import { wasmKernelTargets } from './wasm-targets.js';

const withMedians = (medians: Record<string, Record<string, number>>) => resultsWithMedians(medians, WASM_AND_TFJS);

describe('wasmKernelTargets', () => {
  const results = withMedians({
    'gemv-1x4096x4096-f32': { 'tfjs-wasm': 3, 'qaxon-wasm-1t': 2.5, 'qaxon-wasm-2t': 2.4 },
    'gemv-1x4096x4096-int8': { 'qaxon-wasm-1t': 1.8, 'qaxon-wasm-2t': 1.65 },
    'gemm-64x1024x1024-f32': { 'tfjs-wasm': 4, 'qaxon-wasm-1t': 3.9 },
    'gemm-64x1024x1024-int8': { 'qaxon-wasm-1t': 4.1 },
  });

  it('checks the TF.js targets with one thread and with the most threads measured', () => {
    const targets = wasmKernelTargets(results);
    expect(targets.slice(0, 3).map((t) => [t.target.split(',')[1]!.trim(), Number(t.value.toFixed(3)), t.limit, t.met])).toEqual([
      ['1 thread', 0.6, 0.8, true],
      ['2 threads', 0.55, 0.5, false],
      ['1 thread', 1.025, 1, false],
    ]);
  });

  it('compares int8 with the same configuration on f32 for every workload measured both ways', () => {
    const own = wasmKernelTargets(results).filter((t) => t.target.includes('its own f32'));
    expect(own.map((t) => [t.target, Number(t.value.toFixed(4)), t.met])).toEqual([
      ['gemv-1x4096x4096: qaxon wasm SIMD 1 thread, int8 against its own f32, separate processes (at most 1×)', 0.72, true],
      ['gemv-1x4096x4096: qaxon wasm SIMD 2 threads, int8 against its own f32, separate processes (at most 1×)', 0.6875, true],
      ['gemm-64x1024x1024: qaxon wasm SIMD 1 thread, int8 against its own f32, separate processes (at most 1×)', 1.0513, false],
    ]);
  });

  it('takes a ratio from the pair timed in turns where the run has one', () => {
    const side = (workload: string, config: string, medianMs: number) => ({ workload, config, medianMs, spread: 0.01, calls: 40 });
    const withPairs: BenchResults = {
      ...results,
      pairs: [
        { rounds: 8, first: side('gemm-64x1024x1024-int8', 'qaxon-wasm-1t', 3.8), second: side('gemm-64x1024x1024-f32', 'qaxon-wasm-1t', 4) },
        { rounds: 8, first: side('gemv-1x4096x4096-int8', 'qaxon-wasm-2t', 1.2), second: side('gemv-1x4096x4096-f32', 'tfjs-wasm', 3) },
      ],
    };
    const targets = wasmKernelTargets(withPairs);
    expect(targets.filter((t) => t.target.includes('in turns')).map((t) => [t.target, Number(t.value.toFixed(4)), t.met, t.spreads])).toEqual([
      ['GEMV 1×4096×4096 int8, 2 threads, against TF.js wasm f32, in turns in one process (at most 0.5×)', 0.4, true, [0.01, 0.01]],
      ['gemm-64x1024x1024: qaxon wasm SIMD 1 thread, int8 against its own f32, in turns in one process (at most 1×)', 0.95, true, [0.01, 0.01]],
    ]);
    expect(targets.filter((t) => t.target.includes('separate processes'))).toHaveLength(4);
    const page = markdownReport(withPairs, () => []);
    expect(page).toContain('- met: GEMV 1×4096×4096 int8, 2 threads, against TF.js wasm f32, in turns in one process (at most 0.5×): 0.40× (spreads ±1% and ±1%)');
  });

  it('leaves out targets whose cases did not run', () => {
    expect(wasmKernelTargets(sampleResults())).toEqual([]);
    const noTfjs = withMedians({ 'gemv-1x4096x4096-int8': { 'qaxon-wasm-1t': 1.8 } });
    expect(wasmKernelTargets(noTfjs)).toEqual([]);
  });

  it('is listed on the results page, met and missed alike', () => {
    const page = markdownReport(results, () => []);
    expect(page).toContain('## Targets of the WebAssembly SIMD backend');
    expect(page).toContain('- met: GEMV 1×4096×4096 int8, 1 thread, against TF.js wasm f32, separate processes (at most 0.8×): 0.60× (spreads ±5% and ±5%)');
    expect(page).toContain('- **missed**: GEMV 1×4096×4096 int8, 2 threads, against TF.js wasm f32, separate processes (at most 0.5×): 0.55× (spreads ±5% and ±5%)');
    expect(page).toContain('(wasm-int8-vs-f32.md)');
    // 1.0513 is shown as 1.05; a ratio that rounds to its limit gets a third decimal
    expect(page).toContain('against its own f32, separate processes (at most 1×): 1.05×');
    const close = markdownReport(withMedians({ 'gemm-64x1024x1024-f32': { 'qaxon-wasm-1t': 4 }, 'gemm-64x1024x1024-int8': { 'qaxon-wasm-1t': 4.004 } }), () => []);
    expect(close).toContain('- **missed**: gemm-64x1024x1024: qaxon wasm SIMD 1 thread, int8 against its own f32, separate processes (at most 1×): 1.001×');
    expect(markdownReport(sampleResults(), () => [])).not.toContain('## Targets of the WebAssembly SIMD backend');
  });
});
