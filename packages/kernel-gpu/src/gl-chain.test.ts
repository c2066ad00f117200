import { referenceBackend } from '@qaxon/kernel-reference';
import { QTensor, allClose, randomNormal, type Handle } from '@qaxon/tensor';
import { describe, expect, it } from 'vitest';
import { createGpuBackend } from './backend.js';
import { modeRunsHere } from './test-support/modes-here.js';

const here = modeRunsHere('headlessgl');

/** quantizedDense + bias, relu, reshape, softmax on one backend: handles in, handles out. */
async function chain(backend: typeof referenceBackend | ReturnType<typeof createGpuBackend>, x: Handle, kernel: Handle, bias: Handle) {
  const kernels = backend.kernels;
  const dense = await kernels.quantizedDense!({ x, kernel, bias }, {});
  const relu = await kernels.relu!({ x: dense }, {});
  const flat = await kernels.reshape!({ x: relu }, { shape: [2, 3, 8] });
  const softmax = await kernels.softmax!({ x: flat }, { axis: -1 });
  return { made: [dense, relu, flat, softmax], output: softmax };
}

describe.skipIf(here !== true)(`gpu.js:headlessgl keeps a chain of ops on the GPU${here === true ? '' : ` [skipped: ${here}]`}`, () => {
  it('uploads the input once, downloads the output once, holds textures between ops and frees them', async () => {
    const backend = createGpuBackend({ mode: 'headlessgl' });
    try {
      const q = QTensor.fromTensor(randomNormal([64, 24], { seed: 1 }));
      const bias = randomNormal([24], { seed: 2 });
      const x = randomNormal([2, 64], { seed: 3 });
      const weights = { kernel: backend.upload(q), bias: backend.upload(bias) };
      for (let round = 0; round < 2; round++) {
        backend.resetTransfers();
        const input = backend.upload(x);
        const { made, output } = await chain(backend, input, weights.kernel, weights.bias);
        expect(backend.memory().handles).toBe(2 + 1 + made.length);
        const y = backend.download(output);
        expect(backend.transfers()).toEqual({ uploads: 1, downloads: 1 });
        const reference = await chain(referenceBackend, referenceBackend.upload(x), referenceBackend.upload(q), referenceBackend.upload(bias));
        const expected = referenceBackend.download(reference.output);
        expect(y.shape).toEqual([2, 3, 8]);
        expect(allClose(y, expected, { rtol: 1e-4, atol: 1e-6 }).message).toBe('');
        for (const handle of [input, ...made]) backend.release(handle);
        expect(backend.memory().handles).toBe(2);
      }
      backend.release(weights.kernel);
      backend.release(weights.bias);
      expect(backend.memory()).toMatchObject({ handles: 0, deviceBytes: 0 });
    } finally {
      backend.dispose();
    }
  }, 60_000);
});
