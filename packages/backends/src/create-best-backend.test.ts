import { build, dense, input } from '@qaxon/graph';
import { referenceBackend } from '@qaxon/kernel-reference';
import { QTensor, allClose, ones, randomNormal, runOp, template } from '@qaxon/tensor';
import { describe, expect, it } from 'vitest';
import { createBestBackend, isSoftwareRenderer, webGpuAdapterDescription } from './index.js';

describe('createBestBackend in Node (no GPU hardware here)', () => {
  it('passes over the GPU modes with reasons and picks the WebAssembly SIMD backend', async () => {
    const best = await createBestBackend();
    try {
      expect(best.kind).toBe('wasm');
      expect(best.backend.name).toBe('wasm');
      expect(best.reason).toMatch(/WebAssembly SIMD kernels run on the CPU with \d thread/);
      const candidates = best.considered.map((line) => line.candidate);
      expect(candidates.slice(0, 4)).toEqual(['gpu.js:webgpu', 'gpu.js:webgl2', 'gpu.js:webgl', 'gpu.js:headlessgl']);
      expect(best.considered.filter((line) => line.picked)).toHaveLength(1);
      expect(best.considered.find((line) => line.candidate === 'gpu.js:webgl2')!.reason).toBe('not available here');
      // headless-gl (under xvfb) works but cannot name its renderer, so it is not trusted as hardware.
      const headless = best.considered.find((line) => line.candidate === 'gpu.js:headlessgl')!;
      expect(headless.picked).toBe(false);
      const q = QTensor.fromTensor(randomNormal([64, 16], { seed: 1 }));
      const x = randomNormal([3, 64], { seed: 2 });
      const bias = randomNormal([16], { seed: 3 });
      const y = await runOp(best.backend, 'quantizedDense', { x, kernel: q, bias }, {});
      const expected = await runOp(referenceBackend, 'quantizedDense', { x, kernel: q, bias }, {});
      expect(allClose(y, expected, { rtol: 1e-5, atol: 1e-5 }).message).toBe('');
    } finally {
      best.backend.dispose?.();
    }
  });

  it('falls back to the reference backend, saying why', async () => {
    const best = await createBestBackend({ gpu: false, wasm: false });
    expect(best).toMatchObject({ kind: 'reference', backend: referenceBackend });
    expect(best.considered).toEqual([{ candidate: 'reference', picked: true, reason: best.reason }]);
    const model = dense(input('x'), 2);
    const built = build(model, { backend: best.backend });
    expect((await built.predict(built.init(template([1, 3])), ones([1, 3]))).shape).toEqual([1, 2]);
  });

  it('records gpu.js modes it cannot start', async () => {
    const best = await createBestBackend({ gpuModes: ['webgl2'], wasm: false });
    expect(best.considered[0]).toEqual({ candidate: 'gpu.js:webgl2', picked: false, reason: 'not available here' });
    expect(best.kind).toBe('reference');
  });

  it('has no WebGPU adapter in Node', async () => {
    expect(await webGpuAdapterDescription()).toBeUndefined();
  });
});

describe('isSoftwareRenderer', () => {
  it('recognizes software rasterizers and not hardware', () => {
    for (const name of [
      'llvmpipe (LLVM 15.0.6, 256 bits)',
      'ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)',
      'Mesa softpipe',
      'google swiftshader (software fallback adapter)',
      'Microsoft Basic Render Driver',
    ]) {
      expect(isSoftwareRenderer(name)).toBe(true);
    }
    for (const name of ['ANGLE (NVIDIA, NVIDIA GeForce RTX 3080 Direct3D11 vs_5_0 ps_5_0)', 'Apple M2', 'AMD Radeon RX 7900 XT (radeonsi, navi31, LLVM 17)']) {
      expect(isSoftwareRenderer(name)).toBe(false);
    }
  });
});
