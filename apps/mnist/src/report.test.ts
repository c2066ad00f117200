import { describe, expect, it } from 'vitest';
import type { DemoResult } from './demo.js';
import { demoJson, formatDemoReport, targetChecks } from './report.js';

const timing = { batches: 20, firstMs: 30, meanMs: 12, medianMs: 11 };

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
      { name: 'reference', gpuMode: null, accuracy: 0.9695, agreementWithReference: 1, timing, skippedModes: [] },
      { name: 'gpu.js:webasm', gpuMode: 'webasm', accuracy: 0.9695, agreementWithReference: 1, timing, skippedModes: [{ mode: 'headlessgl', reason: 'no gl' }] },
    ],
    gpuMode: 'webasm',
    backendAgreement: 1,
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
    });
    expect(json.backends).toHaveLength(2);
  });

  it('says null for the gpu fields when only the reference backend ran', () => {
    const json = demoJson(result({ backends: result().backends.slice(0, 1), gpuMode: null, backendAgreement: null }));
    expect(json.gpuMode).toBeNull();
    expect(json.backendAgreement).toBeNull();
    expect(json.targets).toEqual({ floatTarget: true, int8Target: true, agreementTarget: null });
  });
});

describe('targetChecks', () => {
  it('allows exactly 0.3 points of accuracy loss, not more', () => {
    expect(targetChecks(result({ floatAccuracy: 0.97, int8Accuracy: 0.967 })).int8Target).toBe(true);
    expect(targetChecks(result({ floatAccuracy: 0.97, int8Accuracy: 0.9665 })).int8Target).toBe(false);
    expect(targetChecks(result({ floatAccuracy: 0.9599 })).floatTarget).toBe(false);
  });

  it('fails agreement when any gpu.js backend differs from the reference on a digit', () => {
    const [reference, gpu] = result().backends;
    expect(targetChecks(result({ backends: [reference!, { ...gpu!, agreementWithReference: 0.9995 }] })).agreementTarget).toBe(false);
  });
});

describe('formatDemoReport', () => {
  it('shows accuracies, agreement, bytes, timings, the quantization table and the targets', () => {
    const text = formatDemoReport(result());
    for (const expected of [
      'float32  reference        97.00%',
      'int8     reference        96.95%  (-0.05 points vs float; same class as float on 99.80% of digits)',
      'int8     gpu.js:webasm    96.95%  (same class as the reference backend on 100.00% of digits)',
      'float32  940,584 B',
      'int8     238,298 B  (0.253x of float)',
      'int8     gpu.js:webasm      11.0 ms  (mean 12.0 ms, first 30.0 ms, 20 batches)',
      'gpu.js auto chose webasm over headlessgl: no gl',
      '  layer table',
      'saved the quantized state to ',
      'targets: float >= 96% met; int8 within 0.3 points of float met; reference and gpu.js predictions identical met',
    ]) {
      expect(text).toContain(expected);
    }
  });
});
