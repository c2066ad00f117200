import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { randomNormal } from '@qaxon/tensor';
import { createWasmBackend } from '../index.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

describe('handles dropped without release', () => {
  it('are freed by garbage collection, at most 64 of them waiting to be registered', async () => {
    const backend = await createWasmBackend();
    const x = randomNormal([4, 64], { seed: 1 });
    (() => {
      for (let i = 0; i < 300; i++) backend.kernels.relu!({ x: backend.upload(x) }, {}); // 600 handles, none released
    })();
    expect(backend.memory().handles).toBe(600);
    for (let round = 0; round < 100 && backend.memory().handles > 64; round++) {
      gc();
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(backend.memory().handles).toBeLessThanOrEqual(64);
    backend.dispose();
  });

  it('released ones never reach the collector, and a live one stays usable', async () => {
    const backend = await createWasmBackend();
    const kept = backend.upload(randomNormal([2, 2], { seed: 2 }));
    for (let i = 0; i < 500; i++) backend.release(backend.upload(randomNormal([2, 2], { seed: 3 })));
    gc();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(backend.memory().handles).toBe(1);
    expect(backend.download(kept).shape).toEqual([2, 2]);
    backend.dispose();
  });
});
