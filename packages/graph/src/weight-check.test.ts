import { randomNormal, template } from '@qaxon/tensor';
import { describe, expect, it } from 'vitest';
import { LayerOptionError, build, dense, input, type Model } from './index.js';
import { countingBackend } from './test-support/backends.js';

const model: Model = dense(input('x', { shape: [null, 512] }), 4);
const floatState = build(model).init(template([1, 512]), undefined, { seed: 1 });
const x = randomNormal([1, 512], { seed: 2 });

/** The state with a fresh copy of dense_0's kernel, and that kernel (to write into). */
function freshState() {
  const kernel = randomNormal([512, 4], { seed: 3 });
  return { kernel, state: floatState.set('dense_0', 'kernel', kernel) };
}

describe("build's weightCheck", () => {
  it("'full' uploads a weight again after a one-element write the sampled stamp does not read; the default keeps the upload", async () => {
    for (const [weightCheck, uploadsAfterWrite] of [['full', 1], ['sampled', 0], [undefined, 0]] as const) {
      const { kernel, state } = freshState();
      const backend = countingBackend(`check-${weightCheck ?? 'default'}`);
      const built = build(model, { backend, ...(weightCheck === undefined ? {} : { weightCheck }) });
      await built.predict(state, x);
      const uploads = backend.counts.uploads;
      kernel.data[3] = 100; // kernelStamp reads every 8th of the 2048 values
      await built.predict(state, x);
      // Each predict uploads its input; a re-uploaded kernel adds one.
      expect(backend.counts.uploads - uploads - 1, `weightCheck ${weightCheck}`).toBe(uploadsAfterWrite);
    }
  });

  it('refuses an unknown weightCheck, naming what it got', () => {
    expect(() => build(model, { weightCheck: 'always' as 'full' })).toThrow(LayerOptionError);
    expect(() => build(model, { weightCheck: 'always' as 'full' })).toThrow(/expected weightCheck 'sampled' or 'full', got/);
  });
});
