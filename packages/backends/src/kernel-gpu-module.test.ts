import * as kernelGpu from '@qaxon/kernel-gpu';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createBestBackend, type KernelGpuModule } from './index.js';
import { kernelGpuImportFailure } from './kernel-gpu-module.js';

// Compile-time check: the real @qaxon/kernel-gpu is what createBestBackend asks for.
const realKernelGpu: KernelGpuModule = kernelGpu;

afterEach(() => {
  vi.doUnmock('@qaxon/kernel-gpu');
  vi.resetModules();
});

describe('createBestBackend and the optional @qaxon/kernel-gpu', () => {
  it('without @qaxon/kernel-gpu, tries no gpu.js mode, says why and picks wasm', async () => {
    vi.resetModules();
    vi.doMock('@qaxon/kernel-gpu', () => {
      throw Object.assign(new Error("Cannot find package '@qaxon/kernel-gpu' imported from node_modules/@qaxon/backends"), { code: 'ERR_MODULE_NOT_FOUND' });
    });
    const { createBestBackend: createWithoutGpu } = await import('./index.js');
    const best = await createWithoutGpu();
    try {
      expect(best.kind).toBe('wasm');
      expect(best.considered[0]).toMatchObject({ candidate: 'gpu.js', picked: false });
      expect(best.considered[0]!.reason).toMatch(/^@qaxon\/kernel-gpu .*no gpu\.js mode was tried/);
    } finally {
      best.backend.dispose?.();
    }
  });

  it('says how to install @qaxon/kernel-gpu when Node or a browser cannot find it', () => {
    const notFound = Object.assign(new Error("Cannot find package '@qaxon/kernel-gpu' imported from /app/node_modules/@qaxon/backends/dist/kernel-gpu-module.js"), { code: 'ERR_MODULE_NOT_FOUND' });
    expect(kernelGpuImportFailure(notFound)).toMatch(/^@qaxon\/kernel-gpu is not installed, so no gpu\.js mode was tried \(npm install @qaxon\/kernel-gpu gpu\.js/);
    expect(kernelGpuImportFailure(new TypeError('Failed to resolve module specifier "@qaxon/kernel-gpu"'))).toMatch(/is not installed/);
    expect(kernelGpuImportFailure(new Error('gl: bad context'))).toBe('@qaxon/kernel-gpu failed to load, so no gpu.js mode was tried: gl: bad context');
  });

  it('uses the module passed as kernelGpu (as browser bundles do)', async () => {
    const createGpuBackend = vi.fn(realKernelGpu.createGpuBackend);
    const best = await createBestBackend({ kernelGpu: { ...realKernelGpu, createGpuBackend }, gpuModes: ['headlessgl'], wasm: false });
    expect(best.considered[0]!.candidate).toBe('gpu.js:headlessgl');
    const headlessGl = kernelGpu.availableGpuModes(kernelGpu.defaultGpuConstructor).includes('headlessgl');
    expect(createGpuBackend).toHaveBeenCalledTimes(headlessGl ? 1 : 0);
  });
});
