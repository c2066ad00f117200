import { describe, expect, it } from 'vitest';
import { sampleResults } from '../test-support/sample-results.js';
import { resultCharts } from './charts.js';
import { formatBytes, formatDifference, formatMs, formatRatio } from './format.js';
import { markdownReport } from './markdown-report.js';

describe('markdownReport', () => {
  const results = sampleResults();
  const page = markdownReport(results, (group) => [`peers-${group}-time.svg`]);

  it('starts with the front matter of its page on the documentation site', () => {
    expect(page.startsWith('---\ntitle: qaxon against TensorFlow.js and ONNX Runtime\ngroup: Benchmarks\n---\n\n# ')).toBe(true);
  });

  it('records the machine and the libraries', () => {
    expect(page).toContain('**Machine:** AMD EPYC, 2 logical cores, 8192.0 MiB RAM, Node v20.20.2 (linux x64); load average at start 1 / 0.5 / 0.25. shared machine');
    expect(page).toContain('onnxruntime-node 1.30.0');
  });

  it('writes the headline row with ratios to the fastest browser peer and, apart, the fastest native peer', () => {
    // The sample has no browser peer: its cells are empty and the native peer is named.
    expect(page).toContain('| GEMV 1×1024×4096 int8 | qaxon wasm SIMD 1 thread (0.5 ms) | – | – | – | – | – | – | ORT 1 thread (0.6 ms) | 1.20× | 8.8e-7 |');
  });

  it('writes a row per configuration, lists skipped ones with their reason, and links the charts', () => {
    expect(page).toMatch(/\| \*\*qaxon wasm SIMD 1 thread\*\* \| 0.5 ms \| ±5% \| 3 \| 1.20× \| 1.20× \| – \| 8.0 MiB \| 94.0 MiB \| 70.0 MiB \| 7.0e-7 \| 8.8e-7 \|/);
    // headlessgl never ran, so its reason is given once, under Configurations
    expect(page).not.toContain('- qaxon gpu.js headlessgl: skipped');
    expect(page).toContain('(`qaxon-gpu-headlessgl`): skipped: no display (run under xvfb-run -a)');
    expect(page).toContain('![gemv-1x1024x4096](peers-gemv-1x1024x4096-time.svg)');
    expect(page).not.toMatch(/NaN|undefined/);
  });

  it('lists every configuration with how it ran or why it was skipped', () => {
    expect(page).toContain('- **qaxon wasm SIMD 1 thread** (`qaxon-wasm-1t`): qaxon wasm SIMD, 1 thread (wasm)');
    expect(page).toContain('- **ORT 1 thread** (`ort-1t`, peer): ran');
    expect(page).toContain('- **qaxon gpu.js headlessgl** (`qaxon-gpu-headlessgl`): skipped: no display (run under xvfb-run -a)');
  });

  it('every table row has as many cells as its header', () => {
    const tables = page.split('\n\n').filter((block) => block.startsWith('|'));
    for (const table of tables) {
      const rows = table.split('\n');
      const cells = (row: string) => row.split(' | ').length;
      for (const row of rows) expect(cells(row)).toBe(cells(rows[0]!));
    }
  });
});

describe('resultCharts', () => {
  it('draws time, weights and peak RSS charts per workload group', () => {
    const charts = resultCharts(sampleResults());
    expect(charts.map((chart) => chart.file)).toEqual([
      'peers-gemv-1x1024x4096-time.svg',
      'peers-gemv-1x1024x4096-weights.svg',
      'peers-gemv-1x1024x4096-peak-rss.svg',
    ]);
    for (const chart of charts) expect(chart.svg).toMatch(/^<svg[\s\S]*<\/svg>\n$/);
  });
});

describe('formatting', () => {
  it('formats bytes, times, ratios and differences', () => {
    expect([formatBytes(2 ** 26), formatBytes(3072), formatBytes(0)]).toEqual(['64.0 MiB', '3.0 KiB', '0']);
    expect([formatMs(0.12345), formatMs(12.34), formatMs(4321.9)]).toEqual(['0.123 ms', '12.3 ms', '4,322 ms']);
    expect([formatRatio(2), formatRatio(0.0123), formatRatio(undefined)]).toEqual(['2.00×', '0.0123×', '–']);
    expect([formatDifference(1.23e-7), formatDifference(0), formatDifference(Number.MAX_VALUE)]).toEqual(['1.2e-7', '0', 'not finite']);
  });
});
