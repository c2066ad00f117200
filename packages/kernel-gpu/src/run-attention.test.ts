import { referenceBackend } from '@qaxon/kernel-reference';
import { KernelUnsupportedError, allClose, randomNormal, runOp, tensor } from '@qaxon/tensor';
import { describe, expect, it } from 'vitest';
import { createGpuBackend } from './backend.js';
import { attentionCapacity } from './kernels/attention.js';
import { modeFamily, type GpuMode } from './modes.js';
import { modeRunsHere } from './test-support/modes-here.js';

const MODES: GpuMode[] = ['cpu', 'webasm', 'headlessgl'];

for (const mode of MODES) {
  const here = modeRunsHere(mode);
  describe.skipIf(here !== true)(`gpu.js:${mode} attention${here === true ? '' : ` [skipped: ${here}]`}`, () => {
    it('decodes token by token on one backend while the KV cache grows past a score-row capacity', async () => {
      const backend = createGpuBackend({ mode });
      try {
        const attrs = { heads: 4, kvHeads: 2, causal: true };
        // 14 .. 18 keys: capacities 16 then 32, so programs are reused with other key counts and rebuilt once.
        expect(attentionCapacity(14)).toBe(16);
        expect(attentionCapacity(18)).toBe(32);
        for (let keys = 14; keys <= 18; keys++) {
          const inputs = {
            query: randomNormal([2, 1, 4 * 8], { seed: keys }),
            key: randomNormal([2, keys, 2 * 8], { seed: 100 + keys }),
            value: randomNormal([2, keys, 2 * 8], { seed: 200 + keys }),
            mask: tensor([Array.from({ length: keys }, () => 1), Array.from({ length: keys }, (_, j) => (j < 3 ? 0 : 1))], { dtype: 's32' }),
          };
          const actual = await runOp(backend, 'attention', inputs, attrs);
          const expected = await runOp(referenceBackend, 'attention', inputs, attrs);
          expect(allClose(actual, expected, { rtol: 1e-5, atol: 1e-6 }).message, `${keys} keys`).toBe('');
        }
      } finally {
        backend.dispose();
      }
    }, 60_000);

    it.skipIf(modeFamily(mode) === 'gl')('keeps non-finite values of hidden keys out, and a NaN score makes its query NaN, as the reference does', async () => {
      const backend = createGpuBackend({ mode });
      try {
        const query = randomNormal([3, 2, 4], { seed: 5 });
        const key = randomNormal([3, 3, 4], { seed: 6 }).toArray() as number[][][];
        const value = randomNormal([3, 3, 4], { seed: 7 }).toArray() as number[][][];
        value[0]![2]![1] = Number.POSITIVE_INFINITY; // batch 0, key 2: masked
        key[1]![0]![3] = Number.NaN; // batch 1, key 0: every query of batch 1 sees it
        value[2]![2]![0] = Number.NEGATIVE_INFINITY; // batch 2, key 2: hidden from query 0 by causality only
        const inputs = { query, key: tensor(key), value: tensor(value), mask: tensor([[1, 1, 0], [1, 1, 1], [1, 1, 1]], { dtype: 's32' }) };
        const attrs = { heads: 1, kvHeads: 1, causal: true };
        const actual = await runOp(backend, 'attention', inputs, attrs);
        const expected = await runOp(referenceBackend, 'attention', inputs, attrs);
        const rows = actual.toArray() as number[][][];
        expect(rows[0]!.flat().every(Number.isFinite)).toBe(true);
        expect(rows[1]!.flat().every(Number.isNaN)).toBe(true);
        expect(rows[2]![0]!.every(Number.isFinite)).toBe(true);
        expect(rows[2]![1]![0]).toBe(Number.NEGATIVE_INFINITY);
        expect(allClose(actual, expected, { rtol: 1e-5, atol: 1e-6, equalNaN: true }).message).toBe('');
      } finally {
        backend.dispose();
      }
    });

    it('refuses a score matrix over 2^24 floats with KernelUnsupportedError, naming it', () => {
      const backend = createGpuBackend({ mode });
      try {
        // 4097 queries · 8192 (4097 keys rounded up) = 33.6M scores, from tiny inputs.
        const x = backend.upload(randomNormal([1, 4097, 1], { seed: 3 }));
        let thrown: unknown;
        try {
          backend.kernels.attention!({ query: x, key: x, value: x }, { heads: 1, kvHeads: 1, causal: false });
        } catch (error) {
          thrown = error;
        }
        expect(thrown).toBeInstanceOf(KernelUnsupportedError);
        expect((thrown as Error).message).toMatch(/the score matrix holds 33562624 floats on gpu\.js:\w+, and its programs take at most 16777216/);
        backend.release(x);
      } finally {
        backend.dispose();
      }
    });
  });
}
