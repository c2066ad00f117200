import { describe, expect, it } from 'vitest';
import { resultsWithMedians, WASM_AND_TFJS } from '../test-support/sample-results.js';
import { ortWebPairsSection } from './ort-web-pairs.js';
import type { BenchResults, ConfigSummary } from './results-schema.js';

const ortWeb = (id: string): ConfigSummary => ({ id, label: id, library: 'ort-web', peer: true, platform: 'browser' });

describe('ortWebPairsSection', () => {
  const base = resultsWithMedians(
    { 'gemv-f32': { 'ort-web-1t': 2 }, 'gemv-int8': { 'qaxon-wasm-1t': 1, 'ort-web-q8-1t': 4 } },
    [...WASM_AND_TFJS, ortWeb('ort-web-1t'), ortWeb('ort-web-q8-1t'), ortWeb('ort-web-q4-1t')],
  );
  const side = (workload: string, config: string, medianMs: number) => ({ workload, config, medianMs, spread: 0.01, calls: 100 });

  it('is empty without pairs against onnxruntime-web', () => {
    expect(ortWebPairsSection(base)).toEqual([]);
  });

  it('writes one row per qaxon configuration and shape with the speedup in turns against each graph on its thread count', () => {
    const results: BenchResults = {
      ...base,
      pairs: [
        { rounds: 10, first: side('gemv-int8', 'qaxon-wasm-1t', 1), second: side('gemv-f32', 'ort-web-1t', 2) },
        { rounds: 10, first: side('gemv-int8', 'qaxon-wasm-1t', 1.1), second: side('gemv-int8', 'ort-web-q8-1t', 3.3) },
        { rounds: 10, first: side('gemv-int8', 'qaxon-wasm-1t', 1), second: side('gemv-f32', 'tfjs-wasm', 5) },
      ],
    };
    const rows = ortWebPairsSection(results).filter((line) => line.startsWith('| gemv'));
    // The sample's cases all carry a max rel. Δ of 8.8e-7; q4 did not run.
    expect(rows).toEqual(['| gemv | qaxon wasm SIMD 1 thread | 2.00× (1 ms vs 2 ms) | 3.00× (1.1 ms vs 3.3 ms) | – | 8.8e-7 / 8.8e-7 / 8.8e-7 / – |']);
  });
});
