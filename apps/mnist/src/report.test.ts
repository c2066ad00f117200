import { describe, expect, it } from 'vitest';
import type { DemoResult } from './demo.js';
import { bestBackendLines, demoJson, formatDemoReport, targetChecks } from './report.js';

const timing = { batches: 20, firstMs: 30, meanMs: 12, medianMs: 11 };
const bestBackend = {
  name: 'wasm',
  kind: 'wasm' as const,
  reason: 'no GPU hardware was usable, so the WebAssembly SIMD kernels run on the CPU with 2 threads',
  considered: [
    { candidate: 'gpu.js:webgl2', picked: false, reason: 'not available here' },
    { candidate: 'gpu.js:headlessgl', picked: false, reason: 'works, but its renderer cannot be identified, so it may be software' },
    { candidate: 'wasm (2 threads)', picked: true, reason: 'no GPU hardware was usable, so the WebAssembly SIMD kernels run on the CPU with 2 threads' },
  ],
};

function result(overrides: Partial<DemoResult> = {}): DemoResult {
  return {
    digits: 2000,
    batchSize: 100,
    floatAccuracy: 0.97,
    int8Accuracy: 0.9695,
    floatInt8Agreement: 0.998,
    floatBytes: 940_584,
    int8Bytes: 238_298,
    floatTiming: timing,
    backends: [
      { name: 'reference', role: 'reference', gpuMode: null, accuracy: 0.9695, agreementWithReference: 1, timing, skippedModes: [] },
      { name: 'gpu.js:webasm', role: 'gpu.js', gpuMode: 'webasm', accuracy: 0.9695, agreementWithReference: 1, timing, skippedModes: [{ mode: 'headlessgl', reason: 'no gl' }] },
      { name: 'wasm', role: 'best', gpuMode: null, accuracy: 0.9695, agreementWithReference: 1, timing: { ...timing, medianMs: 4 }, skippedModes: [] },
    ],
    gpuMode: 'webasm',
    backendAgreement: 1,
    bestBackend,
    report: { layers: [], floatBytes: 940_584, quantizedBytes: 238_298, compression: 0.253, format: () => 'layer table' },
    savedTo: '/tmp/q.safetensors',
    ...overrides,
  };
}

describe('demoJson', () => {
  it('holds the fields scripts rely on, as fractions of 1 and bytes, and survives JSON', () => {
    const json = JSON.parse(JSON.stringify(demoJson(result()))) as Record<string, unknown>;
    expect(json).toMatchObject({
      floatAccuracy: 0.97,
      int8Accuracy: 0.9695,
      floatBytes: 940_584,
      int8Bytes: 238_298,
      gpuMode: 'webasm',
      backendAgreement: 1,
      targets: { floatTarget: true, int8Target: true, agreementTarget: true },
      bestBackend,
    });
    expect(json.backends).toHaveLength(3);
    expect((json.backends as { name: string; role: string; gpuMode: string | null }[]).map(({ name, role, gpuMode }) => ({ name, role, gpuMode }))).toEqual([
      { name: 'reference', role: 'reference', gpuMode: null },
      { name: 'gpu.js:webasm', role: 'gpu.js', gpuMode: 'webasm' },
      { name: 'wasm', role: 'best', gpuMode: null },
    ]);
  });

  it('says null for the gpu and best-backend fields when only the reference backend ran', () => {
    const json = demoJson(result({ backends: result().backends.slice(0, 1), gpuMode: null, backendAgreement: null, bestBackend: null }));
    expect(json.gpuMode).toBeNull();
    expect(json.backendAgreement).toBeNull();
    expect(json.bestBackend).toBeNull();
    expect(json.targets).toEqual({ floatTarget: true, int8Target: true, agreementTarget: null });
  });
});

describe('targetChecks', () => {
  it('allows exactly 0.3 points of accuracy loss, not more', () => {
    expect(targetChecks(result({ floatAccuracy: 0.97, int8Accuracy: 0.967 })).int8Target).toBe(true);
    expect(targetChecks(result({ floatAccuracy: 0.97, int8Accuracy: 0.9665 })).int8Target).toBe(false);
    expect(targetChecks(result({ floatAccuracy: 0.9599 })).floatTarget).toBe(false);
  });

  it('fails agreement when a gpu.js backend or the best backend differs from the reference on a digit', () => {
    const [reference, gpu, best] = result().backends;
    expect(targetChecks(result({ backends: [reference!, { ...gpu!, agreementWithReference: 0.9995 }, best!] })).agreementTarget).toBe(false);
    expect(targetChecks(result({ backends: [reference!, gpu!, { ...best!, agreementWithReference: 0.9995 }] })).agreementTarget).toBe(false);
    expect(targetChecks(result({ backends: [reference!, best!] })).agreementTarget).toBe(true);
  });
});

describe('formatDemoReport', () => {
  it('shows accuracies, agreement, bytes, timings, the best backend, the quantization table and the targets', () => {
    const text = formatDemoReport(result());
    for (const expected of [
      'float32  reference        97.00%',
      'int8     reference        96.95%  (-0.05 points vs float; same class as float on 99.80% of digits)',
      'int8     gpu.js:webasm    96.95%  (same class as the reference backend on 100.00% of digits)',
      'float32  940,584 B',
      'int8     238,298 B  (0.253x of float)',
      'int8     gpu.js:webasm      11.0 ms  (mean 12.0 ms, first 30.0 ms, 20 batches)',
      'int8     wasm (best)      96.95%  (same class as the reference backend on 100.00% of digits)',
      'int8     wasm (best)         4.0 ms  (mean 12.0 ms, first 30.0 ms, 20 batches)',
      'best backend: wasm (wasm) — no GPU hardware was usable, so the WebAssembly SIMD kernels run on the CPU with 2 threads',
      'gpu.js auto chose webasm over headlessgl: no gl',
      '  layer table',
      'saved the quantized state to ',
      "targets: float >= 96% met; int8 within 0.3 points of float met; every backend predicts the reference backend's class met",
    ]) {
      expect(text).toContain(expected);
    }
  });
});

describe('bestBackendLines', () => {
  it('says what was picked, its kind and why, then every candidate in order with its verdict', () => {
    expect(bestBackendLines(bestBackend)).toEqual([
      'best backend: wasm (wasm) — no GPU hardware was usable, so the WebAssembly SIMD kernels run on the CPU with 2 threads',
      '  candidates, in the order createBestBackend() tried them:',
      '    passed over  gpu.js:webgl2      not available here',
      '    passed over  gpu.js:headlessgl  works, but its renderer cannot be identified, so it may be software',
      '    picked       wasm (2 threads)   scored above as wasm (best)',
    ]);
  });

  it('is one line when nothing else was considered', () => {
    expect(bestBackendLines({ name: 'reference', kind: 'reference', reason: 'nothing else', considered: [] })).toEqual(['best backend: reference (reference) — nothing else']);
  });
});
