import { referenceBackend } from '@qaxon/kernel-reference';
import { QTensor, allClose, randomNormal } from '@qaxon/tensor';
import { describe, expect, it } from 'vitest';
import { createGpuBackend } from './index.js';
import { modeRunsHere } from './test-support/modes-here.js';

// gpu.js's WebGL kernels point the context's vertex attributes at the buffer of the kernel
// built last and never re-bind them when they run; destroying that kernel's buffer made
// every other kernel on the same context silently return its previous output. Releasing
// one kernel's uploads must leave the others computing correctly.
for (const mode of ['headlessgl', 'webasm', 'cpu'] as const) {
  const here = modeRunsHere(mode);
  describe.skipIf(here !== true)(`${mode}: releasing one kernel${here === true ? '' : ` (skipped: ${here})`}`, () => {
    it('leaves the other kernels computing correctly', async () => {
      const backend = createGpuBackend({ mode });
      try {
        const kept = QTensor.fromTensor(randomNormal([32, 8], { seed: 1 }));
        const dropped = QTensor.fromTensor(randomNormal([32, 8], { seed: 2 }));
        const first = randomNormal([2, 32], { seed: 3 });
        const second = randomNormal([2, 32], { seed: 4 });
        await backend.quantizedDense(first, kept);
        await backend.quantizedDense(first, dropped); // built last: its buffer is the bound one
        expect(backend.release(dropped)).toBe(true);
        const actual = await backend.quantizedDense(second, kept);
        const expected = referenceBackend.quantizedDense(second, kept);
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
