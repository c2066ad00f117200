import { referenceBackend } from '@qaxon/kernel-reference';
import { allClose, randomNormal, tensor, type Backend, type Handle } from '@qaxon/tensor';
import { describe, expect, it } from 'vitest';
import { createGpuBackend, type GpuBackend } from './backend.js';
import type { GpuMode } from './modes.js';
import { modeRunsHere } from './test-support/modes-here.js';

const MODES: GpuMode[] = ['cpu', 'webasm', 'headlessgl'];

/**
 * A decoder-style chain on handles: rmsNorm -> matMul (q/k/v projection) -> rope -> causal
 * attention -> layerNorm -> matMul with a transposed weight. Returns the output and every
 * handle it made.
 */
async function decoderChain(backend: Backend, inputs: { x: Handle; gamma: Handle; weight: Handle; positions: Handle }) {
  const k = backend.kernels;
  const normed = await k.rmsNorm!({ x: inputs.x, gamma: inputs.gamma }, { eps: 1e-6 });
  const projected = await k.matMul!({ a: normed, b: inputs.weight }, {});
  const rotated = await k.rope!({ x: projected, positions: inputs.positions }, { headDim: 4, theta: 10000, interleaved: false });
  const attended = await k.attention!({ query: rotated, key: rotated, value: projected }, { heads: 3, kvHeads: 3, causal: true });
  const layerNormed = await k.layerNorm!({ x: attended }, { eps: 1e-5 });
  const output = await k.matMul!({ a: layerNormed, b: inputs.weight }, { transposeB: true });
  return { output, made: [normed, projected, rotated, attended, layerNormed, output] };
}

for (const mode of MODES) {
  const here = modeRunsHere(mode);
  describe.skipIf(here !== true)(`gpu.js:${mode} runs a decoder-style chain of transformer ops${here === true ? '' : ` [skipped: ${here}]`}`, () => {
    it('on handles: one upload per input, one download, every intermediate freed, as the reference computes', async () => {
      const backend: GpuBackend = createGpuBackend({ mode });
      try {
        const host = {
          x: randomNormal([2, 5, 12], { seed: 1 }),
          gamma: randomNormal([12], { seed: 2 }),
          weight: randomNormal([12, 12], { seed: 3 }),
          positions: tensor([3, 4, 5, 6, 7], { dtype: 's32' }),
        };
        const run = async (target: Backend) => {
          const handles = { x: target.upload(host.x), gamma: target.upload(host.gamma), weight: target.upload(host.weight), positions: target.upload(host.positions) };
          const { output, made } = await decoderChain(target, handles);
          const result = await target.download(output);
          for (const handle of [...Object.values(handles), ...made]) target.release(handle);
          return result;
        };
        backend.resetTransfers();
        const actual = await run(backend);
        expect(backend.transfers()).toEqual({ uploads: 4, downloads: 1 });
        expect(backend.memory()).toMatchObject({ handles: 0, deviceBytes: 0 });
        const expected = await run(referenceBackend);
        expect(actual.shape).toEqual([2, 5, 12]);
        expect(allClose(actual, expected, { rtol: 1e-4, atol: 1e-4 }).message).toBe('');
      } finally {
        backend.dispose();
      }
    }, 60_000);
  });
}
