import { RESULTS_SCHEMA_VERSION, type BenchResults, type CaseResult, type ConfigSummary } from '../report/results-schema.js';

/** A small, valid {@link BenchResults} for tests: one workload, one qaxon and one peer configuration, one skipped case. */
export function sampleResults(): BenchResults {
  return {
    schemaVersion: RESULTS_SCHEMA_VERSION,
    generatedAt: '2025-11-27T08:00:00.000Z',
    mode: 'quick',
    durationSeconds: 12.5,
    machine: {
      cpuModel: 'AMD EPYC',
      logicalCores: 2,
      nodeVersion: 'v20.20.2',
      platform: 'linux',
      arch: 'x64',
      totalMemoryBytes: 8 * 2 ** 30,
      loadAverageAtStart: [1, 0.5, 0.25],
      note: 'shared machine',
    },
    libraries: [{ name: 'onnxruntime-node', version: '1.30.0' }],
    configs: [
      { id: 'qaxon-wasm-1t', label: 'qaxon wasm SIMD 1 thread', library: 'qaxon', peer: false, platform: 'browser' },
      { id: 'ort-1t', label: 'ORT 1 thread', library: 'ort', peer: true, platform: 'native' },
      { id: 'qaxon-gpu-headlessgl', label: 'qaxon gpu.js headlessgl', library: 'qaxon', peer: false, platform: 'browser' },
    ],
    workloads: [{ id: 'gemv-1x1024x4096-int8', label: 'GEMV 1×1024×4096 int8', kind: 'kernel', group: 'gemv-1x1024x4096', weights: 'int8', fastestPeer: 'ort-1t', fastestExactPeer: 'ort-1t' }],
    cases: [
      {
        workload: 'gemv-1x1024x4096-int8',
        config: 'qaxon-wasm-1t',
        status: 'ok',
        details: 'qaxon wasm SIMD, 1 thread (wasm)',
        timing: { medianMs: 0.5, spread: 0.05, samplesMs: [0.5, 0.49, 0.52], warmupMs: [1.2] },
        memory: { weightBytes: 8_404_992, weightNote: 'host + device', peakRssBytes: 94 * 2 ** 20, resourceUsageMaxRssBytes: 200 * 2 ** 20, rssAfterImportBytes: 50 * 2 ** 20, rssLoadedBytes: 70 * 2 ** 20 },
        accuracy: { maxAbsDiff: 7e-7, maxRelDiff: 8.8e-7, oracle: 'float64 dot products' },
        ratios: { speedupVsFastestPeer: 1.2, speedupVsFastestExactPeer: 1.2, weightBytesVsFastestPeer: 2, peakRssVsFastestPeer: 0.9 },
      },
      {
        workload: 'gemv-1x1024x4096-int8',
        config: 'ort-1t',
        status: 'ok',
        timing: { medianMs: 0.6, spread: 0.1, samplesMs: [0.6, 0.61, 0.58], warmupMs: [2] },
        memory: { weightBytes: 4_202_496, weightNote: 'initializers', peakRssBytes: 104 * 2 ** 20, resourceUsageMaxRssBytes: 200 * 2 ** 20, rssAfterImportBytes: 60 * 2 ** 20, rssLoadedBytes: 80 * 2 ** 20 },
        accuracy: { maxAbsDiff: 2e-7, maxRelDiff: 3e-7, oracle: 'float64 dot products' },
        ratios: { speedupVsFastestPeer: 1, speedupVsFastestExactPeer: 1, weightBytesVsFastestPeer: 1, peakRssVsFastestPeer: 1 },
      },
      { workload: 'gemv-1x1024x4096-int8', config: 'qaxon-gpu-headlessgl', status: 'skipped', reason: 'no display (run under xvfb-run -a)' },
    ],
    headlines: [
      {
        workload: 'gemv-1x1024x4096-int8',
        qaxon: 'qaxon-wasm-1t',
        maxRelDiff: 8.8e-7,
        native: { peer: 'ort-1t', exactPeer: 'ort-1t', speedupVsExactPeer: 1.2, speedup: 1.2, weightBytesRatio: 2, peakRssRatio: 0.9 },
      },
    ],
    int8VsF32Headlines: [],
    notes: ['Medians of timed calls after warm-up.'],
  };
}

/** The qaxon WebAssembly SIMD configurations on 1 and 2 threads, and TF.js wasm. */
export const WASM_AND_TFJS: readonly ConfigSummary[] = [
  { id: 'qaxon-wasm-1t', label: 'qaxon wasm SIMD 1 thread', library: 'qaxon', peer: false, platform: 'browser' },
  { id: 'qaxon-wasm-2t', label: 'qaxon wasm SIMD 2 threads', library: 'qaxon', peer: false, platform: 'browser' },
  { id: 'tfjs-wasm', label: 'TF.js wasm', library: 'tfjs', peer: true, platform: 'browser' },
];

/** {@link sampleResults} with `configs` and the given medians (workload -> config -> ms) as its only cases. */
export function resultsWithMedians(medians: Record<string, Record<string, number>>, configs: readonly ConfigSummary[]): BenchResults {
  const sample = sampleResults();
  const template = sample.cases[0]!;
  const cases: CaseResult[] = Object.entries(medians).flatMap(([workload, byConfig]) =>
    Object.entries(byConfig).map(([config, medianMs]) => ({ ...template, workload, config, timing: { ...template.timing!, medianMs } })),
  );
  const workloads = Object.keys(medians).map((id) => ({ ...sample.workloads[0]!, id, label: id.replace(/-(int8|f32)$/, ' $1'), weights: id.endsWith('int8') ? ('int8' as const) : ('f32' as const) }));
  return { ...sample, configs, workloads, cases, headlines: [] };
}
