import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { QTensor } from '@qaxon/tensor';
import { loadState } from '@qaxon/safetensors/node';
import { parseDemoArguments } from './args.js';
import { runDemo } from './demo.js';
import { demoJson } from './report.js';

const directory = mkdtempSync(join(tmpdir(), 'qaxon-mnist-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

describe('runDemo on a slice of the held-out digits', () => {
  it('scores float and int8 models on the reference backend, gpu.js and the best backend, and saves a loadable int8 state', async () => {
    const out = join(directory, 'mnist-int8.safetensors');
    const result = await runDemo(parseDemoArguments(['--digits', '200', '--batch', '64', '--quiet', '--backend', 'reference,cpu,best', '--out', out]));
    expect(result.digits).toBe(200);
    expect(result.backends.map((run) => [run.name, run.role])).toEqual([
      ['reference', 'reference'],
      ['gpu.js:cpu', 'gpu.js'],
      ['wasm', 'best'],
    ]);
    expect(result.backends[1]!.timing.batches).toBe(4);
    expect(result.gpuMode).toBe('cpu');
    expect(result.backendAgreement).toBe(1);
    // No GPU hardware here: createBestBackend() picks the WebAssembly SIMD kernels, says why
    // and lists the gpu.js modes it passed over; they predict the reference's class everywhere.
    expect(result.bestBackend).toMatchObject({ name: 'wasm', kind: 'wasm' });
    expect(result.bestBackend!.reason).toMatch(/WebAssembly SIMD kernels run on the CPU/);
    expect(result.bestBackend!.considered.map((line) => line.candidate).slice(0, 4)).toEqual(['gpu.js:webgpu', 'gpu.js:webgl2', 'gpu.js:webgl', 'gpu.js:headlessgl']);
    expect(result.bestBackend!.considered.filter((line) => line.picked).map((line) => line.candidate)).toEqual([expect.stringMatching(/^wasm \(\d+ threads?\)$/)]);
    expect(result.backends[2]!.agreementWithReference).toBe(1);
    expect(result.backends[2]!.accuracy).toBe(result.int8Accuracy);
    expect(result.int8Bytes / result.floatBytes).toBeLessThan(0.26);
    const json = demoJson(result);
    for (const key of ['floatAccuracy', 'int8Accuracy', 'floatBytes', 'int8Bytes', 'gpuMode', 'backendAgreement', 'bestBackend']) expect(json).toHaveProperty(key);

    const saved = await loadState(out);
    expect(saved.get('dense_0', 'kernel')).toBeInstanceOf(QTensor);
    expect(saved.isFrozen('dense_2', 'bias')).toBe(true);
    expect(saved.byteSize()).toBe(result.int8Bytes);
  }, 60_000);
});

describe('the targets on all 2,000 held-out digits', () => {
  it('float >= 96%, int8 within 0.3 points, reference, gpu.js (best mode) and the best backend agree on every digit', async () => {
    const result = await runDemo(parseDemoArguments(['--quiet', '--no-save']));
    expect(result.digits).toBe(2000);
    expect(result.floatAccuracy).toBeGreaterThanOrEqual(0.96);
    expect(result.floatAccuracy - result.int8Accuracy).toBeLessThanOrEqual(0.003 + 1e-12);
    expect(result.gpuMode).not.toBeNull();
    expect(result.backendAgreement).toBe(1);
    expect(result.bestBackend).not.toBeNull();
    expect(result.backends.find((run) => run.role === 'best')!.agreementWithReference).toBe(1);
  }, 120_000);
});
