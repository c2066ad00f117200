import { describe, expect, it } from 'vitest';
import { resultsWithMedians, WASM_AND_TFJS } from '../test-support/sample-results.js';
import { blockBreakdownSection } from './block-breakdown.js';

describe('blockBreakdownSection', () => {
  it('is empty without breakdowns, else lists each op, the time outside the kernels and the fallbacks', () => {
    const results = resultsWithMedians({ 'llama-step-kv128-int8': { 'qaxon-wasm-1t': 10 } }, WASM_AND_TFJS);
    expect(blockBreakdownSection(results)).toEqual([]);
    const withBreakdown = {
      ...results,
      cases: results.cases.map((entry) => ({
        ...entry,
        opBreakdown: {
          calls: 5,
          callMs: 10,
          ops: [
            { op: 'quantizedDense', calls: 7, ms: 7 },
            { op: 'attention', calls: 1, ms: 1 },
          ],
          fallbacks: ['concatenate'],
          nonDenseShare: 0.3,
        },
      })),
    };
    const lines = blockBreakdownSection(withBreakdown);
    expect(lines).toContain("## Where a transformer block's time goes");
    expect(lines).toContain('**qaxon wasm SIMD 1 thread on `llama-step-kv128-int8`**: 10 ms per call over 5 calls, non-dense share **30.0%**; on the reference backend: `concatenate`.');
    expect(lines).toContain('| `quantizedDense` | 7 | 7 ms | 70.0% |');
    expect(lines).toContain('| outside timed kernels and transfers | – | 2 ms | 20.0% |');
  });
});
