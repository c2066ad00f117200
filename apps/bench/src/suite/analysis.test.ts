import { describe, expect, it } from 'vitest';
import type { CaseResult, ConfigSummary, WorkloadSummary } from '../report/results-schema.js';
import { analyse } from './analysis.js';
import { argmaxAgreement, compareWithOracle } from './accuracy.js';

const configs: ConfigSummary[] = [
  { id: 'q', label: 'qaxon', library: 'qaxon', peer: false, platform: 'browser' },
  { id: 'ort', label: 'ORT', library: 'ort', peer: true, platform: 'native' },
  { id: 'ort-approx', label: 'ORT approx', library: 'ort', peer: true, platform: 'native' },
  { id: 'tf', label: 'TF.js', library: 'tfjs', peer: true, platform: 'browser' },
];
const workload: WorkloadSummary = { id: 'w', label: 'W', kind: 'kernel', group: 'g', weights: 'int8' };

function ok(config: string, medianMs: number, weightBytes: number, peakRssBytes: number, maxRelDiff: number): CaseResult {
  return {
    workload: 'w',
    config,
    status: 'ok',
    timing: { medianMs, spread: 0, samplesMs: [medianMs], warmupMs: [] },
    memory: { weightBytes, weightNote: '', peakRssBytes, resourceUsageMaxRssBytes: peakRssBytes, rssAfterImportBytes: 0, rssLoadedBytes: 0 },
    accuracy: { maxAbsDiff: maxRelDiff, maxRelDiff, oracle: 'exact' },
  };
}

describe('analyse', () => {
  const cases = [
    ok('q', 2, 100, 300, 1e-7),
    ok('ort', 4, 400, 600, 1e-7),
    ok('ort-approx', 1, 100, 500, 1e-2),
    ok('tf', 8, 400, 900, 1e-7),
    { workload: 'w', config: 'x', status: 'skipped', reason: 'no display' } as CaseResult,
  ];
  const result = analyse([workload], configs, cases);

  it('finds the fastest peer and the fastest peer doing exact arithmetic', () => {
    expect(result.workloads[0]).toMatchObject({ fastestPeer: 'ort-approx', fastestExactPeer: 'ort' });
  });

  it('computes every ratio pair by pair against those peers', () => {
    const q = result.cases.find((entry) => entry.config === 'q')!;
    expect(q.ratios).toEqual({ speedupVsFastestPeer: 0.5, speedupVsFastestExactPeer: 2, speedupVsFastestBrowserPeer: 4, weightBytesVsFastestPeer: 1, peakRssVsFastestPeer: 0.6 });
    const tf = result.cases.find((entry) => entry.config === 'tf')!;
    expect(tf.ratios?.speedupVsFastestExactPeer).toBe(0.5);
  });

  it('keeps skipped cases as they are and writes one headline per workload, browser and native peers apart', () => {
    expect(result.cases.find((entry) => entry.config === 'x')).toEqual(cases[4]);
    expect(result.workloads[0]).toMatchObject({ fastestBrowserPeer: 'tf', fastestExactBrowserPeer: 'tf' });
    expect(result.headlines).toEqual([
      {
        workload: 'w',
        qaxon: 'q',
        maxRelDiff: 1e-7,
        browser: { peer: 'tf', exactPeer: 'tf', speedupVsExactPeer: 4, speedup: 4, weightBytesRatio: 0.25, peakRssRatio: 300 / 900 },
        native: { peer: 'ort-approx', exactPeer: 'ort', speedupVsExactPeer: 2, speedup: 0.5, weightBytesRatio: 1, peakRssRatio: 0.6 },
      },
    ]);
  });

  it('compares the fastest qaxon on int8 weights with the fastest peer on float32 weights of the same shape', () => {
    const float: WorkloadSummary = { id: 'w-f32', label: 'W f32', kind: 'kernel', group: 'g', weights: 'f32' };
    const floatCases = [
      { ...ok('q', 3, 400, 500, 0), workload: 'w-f32' },
      { ...ok('ort', 2, 400, 800, 0), workload: 'w-f32' },
    ];
    const both = analyse([float, workload], configs, [...floatCases, ...cases]);
    expect(both.int8VsF32Headlines).toEqual([
      {
        workload: 'w',
        qaxon: 'q',
        peerWorkload: 'w-f32',
        maxRelDiff: 1e-7,
        native: { peer: 'ort', exactPeer: 'ort', speedupVsExactPeer: 1, speedup: 1, weightBytesRatio: 0.25, peakRssRatio: 0.375 },
      },
    ]);
    expect(both.headlines.map((headline) => headline.workload)).toEqual(['w-f32', 'w']);
  });

  it('leaves ratios out when no peer ran', () => {
    const alone = analyse([workload], configs, [ok('q', 2, 100, 300, 0)]);
    expect(alone.cases[0]!.ratios).toBeUndefined();
    expect(alone.headlines).toEqual([]);
    expect(alone.int8VsF32Headlines).toEqual([]);
    expect(alone.workloads[0]!.fastestPeer).toBeUndefined();
  });
});

describe('accuracy', () => {
  it('compareWithOracle reports the largest absolute and relative difference', () => {
    expect(compareWithOracle([1, 2.5], [1, 2])).toEqual({ maxAbsDiff: 0.5, maxRelDiff: 0.25 });
    expect(compareWithOracle([0], [0])).toEqual({ maxAbsDiff: 0, maxRelDiff: 0 });
    expect(compareWithOracle([NaN], [1]).maxAbsDiff).toBe(Infinity);
    expect(() => compareWithOracle([1], [1, 2])).toThrow(/expected 2 outputs \(as many as the oracle\), got 1/);
  });

  it('argmaxAgreement counts rows whose largest value is at the same index', () => {
    expect(argmaxAgreement([0.1, 0.9, 0.8, 0.2], [0.2, 0.8, 0.3, 0.7], 2)).toBe(0.5);
    expect(() => argmaxAgreement([1, 2, 3], [1, 2, 3], 2)).toThrow(/rows of 2 values, got 3 and 3 values/);
  });
});
