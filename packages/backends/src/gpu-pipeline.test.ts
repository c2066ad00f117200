import { build, dense, input, rewriteNodes, type Model, type ModelState } from '@qaxon/graph';
import { availableGpuModes, createGpuBackend, defaultGpuConstructor, type GpuBackend } from '@qaxon/kernel-gpu';
import { QTensor, Tensor, allClose, randomNormal, template } from '@qaxon/tensor';
import { describe, expect, it } from 'vitest';

// Issue #18: on gpu.js GL modes a predict of a 3-layer MLP uploads its input once and
// downloads its output once; the weights are uploaded once, on the first predict.
// Lives here because @qaxon/backends has both @qaxon/graph and @qaxon/kernel-gpu as dev
// dependencies (kernel-gpu itself does not depend on the graph).
const headlessGl = availableGpuModes(defaultGpuConstructor).includes('headlessgl');
if (!headlessGl && process.env.QAXON_REQUIRE_HEADLESSGL === '1') {
  throw new Error('QAXON_REQUIRE_HEADLESSGL=1 but gpu.js reports no headless-gl context here');
}

const mlp = dense(dense(dense(input('x', { shape: [null, 784] }), 256, { activation: 'relu' }), 128, { activation: 'relu' }), 10, { activation: 'softmax' });

/** The MLP with its dense layers as weight-only int8 `quantizedDense` (what @qaxon/quantization's quantizeModel does). */
const int8Mlp: Model = rewriteNodes(mlp, (node) => (node.op === 'dense' ? (original) => ({ ...original, op: 'quantizedDense', opName: 'dense' }) : 'skip'));

/** The state with every dense kernel quantized to int8 per channel. */
function quantized(state: ModelState): ModelState {
  let result = state;
  for (const layer of state.layers()) {
    const kernel = state.get(layer, 'kernel');
    if (kernel instanceof Tensor) result = result.set(layer, 'kernel', QTensor.fromTensor(kernel as Tensor<'f32'>));
  }
  return result;
}

describe.skipIf(!headlessGl)(`a 784-256-128-10 MLP through build() on gpu.js:headlessgl${headlessGl ? '' : ' [skipped: no headless-gl context]'}`, () => {
  for (const [label, model, prepare] of [
    ['float', mlp, (state: ModelState) => state],
    ['int8', int8Mlp, quantized],
  ] as const) {
    it(`${label}: one upload of the input and one download of the output per predict, every op on the GPU`, async () => {
      const backend: GpuBackend = createGpuBackend({ mode: 'headlessgl' });
      const built = build(model, { backend });
      const reference = build(model);
      try {
        const state = prepare(built.init(template([1, 784]), undefined, { seed: 7 }));
        for (const [index, rows] of [1, 32, 1].entries()) {
          const x = randomNormal([rows, 784], { seed: 10 + index });
          backend.resetTransfers();
          const y = await built.predict(state, x);
          // 3 kernels and 3 biases on the first predict; none afterwards.
          expect(backend.transfers()).toEqual({ uploads: index === 0 ? 7 : 1, downloads: 1 });
          expect(built.placement().filter((call) => call.kind !== 'backend')).toEqual([]);
          const expected = await reference.predict(state, x);
          expect(y.shape).toEqual([rows, 10]);
          expect(allClose(y, expected, { rtol: 1e-4, atol: 1e-5 }).message).toBe('');
        }
      } finally {
        built.dispose();
        reference.dispose();
        backend.dispose();
      }
    }, 60_000);
  }
});
