import { referenceBackend } from '@qaxon/kernel-reference';
import { QTensor, allClose, randomNormal, runOp } from '@qaxon/tensor';
import { describe, expect, it } from 'vitest';
import { createGpuBackend } from './index.js';
import { modeRunsHere } from './test-support/modes-here.js';

// gpu.js's WebGL kernels point the context's vertex attributes at the buffer of the kernel
// built last and never re-bind them when they run; destroying that kernel's buffer made
// every other kernel on the same context silently return its previous output. Releasing
// one weight's handle must leave the others computing correctly.
for (const mode of ['headlessgl', 'webasm', 'cpu'] as const) {
  const here = modeRunsHere(mode);
  describe.skipIf(here !== true)(`${mode}: releasing one weight${here === true ? '' : ` (skipped: ${here})`}`, () => {
    it('leaves the other kernels computing correctly', async () => {
      const backend = createGpuBackend({ mode });
      try {
        const kept = QTensor.fromTensor(randomNormal([32, 8], { seed: 1 }));
        const dropped = QTensor.fromTensor(randomNormal([32, 8], { seed: 2 }));
        const first = randomNormal([2, 32], { seed: 3 });
        const keptHandle = backend.upload(kept);
        const droppedHandle = backend.upload(dropped);
        await runOp(backend, 'quantizedDense', { x: first, kernel: keptHandle }, {});
        await runOp(backend, 'quantizedDense', { x: first, kernel: droppedHandle }, {}); // built last: its buffer is the bound one
        backend.release(droppedHandle);
        expect(backend.owns(droppedHandle)).toBe(false);
        const second = randomNormal([2, 32], { seed: 4 });
        const actual = await runOp(backend, 'quantizedDense', { x: second, kernel: keptHandle }, {});
        const expected = await runOp(referenceBackend, 'quantizedDense', { x: second, kernel: kept }, {});
        expect(allClose(actual, expected, { rtol: 1e-5, atol: 1e-5 }).message).toBe('');
      } finally {
        backend.dispose();
      }
    });
  });
}

describe('renderer', () => {
  it('is undefined where the hardware cannot be told (non-GL modes; headless-gl says only "ANGLE")', () => {
    for (const mode of ['webasm', 'cpu', 'headlessgl'] as const) {
      if (modeRunsHere(mode) !== true) continue;
      const backend = createGpuBackend({ mode });
      expect(backend.renderer).toBeUndefined();
      backend.dispose();
    }
  });
});
