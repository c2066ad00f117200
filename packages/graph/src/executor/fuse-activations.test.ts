import { QTensor, randomNormal, template, type Backend, type Tensor } from '@qaxon/tensor';
import { referenceBackend } from '@qaxon/kernel-reference';
import { describe, expect, it } from 'vitest';
import { BUILT_IN_LAYERS, ModelState, add, build, container, dense, formatPlacement, input, layer, denseParameters, relu, softmax, type Model, type ModelOutput } from '../index.js';
import { activationLayer } from '../layers/activation-layers.js';
import { countingBackend } from '../test-support/backends.js';
import { fuseDenseActivations } from './fuse-activations.js';
import { planGraph } from './plan.js';

const bits = (t: Tensor) => Array.from(new Uint32Array(Float32Array.from(t.data).buffer));
const fusedNames = (model: Model<ModelOutput>, backend: Backend = referenceBackend) =>
  fuseDenseActivations(planGraph(model, BUILT_IN_LAYERS), backend).map((step) => step.fusedActivation?.layer ?? step.name);
/** Layers equal to the built-in ones but not them: the executor fuses nothing. */
const unfusedLayers = { relu: activationLayer('relu'), softmax: activationLayer('softmax'), gelu: activationLayer('gelu'), logSoftmax: activationLayer('logSoftmax') };

const x = input('x', { shape: [null, 6] });
const mlp = dense(dense(dense(x, 16, { activation: 'relu' }), 8, { activation: 'gelu' }), 4, { activation: 'softmax' });

describe('dense + activation fusion', () => {
  it('merges each dense step with the activation step that is its only reader', () => {
    expect(fusedNames(mlp)).toEqual(['x', 'dense_0+relu_0', 'dense_1+gelu_0', 'dense_2+softmax_0']);
  });

  it('leaves alone a dense output read twice or named as a model output, softmax on another axis, replaced layers, and backends lacking either op', () => {
    const hidden = dense(x, 6);
    expect(fusedNames(add(relu(hidden), hidden))).toEqual(['x', 'dense_0', 'relu_0', 'add_0']);
    expect(fusedNames(container({ logits: hidden, hidden: relu(hidden) }))).toEqual(['x', 'dense_0', 'relu_0', 'container_0']);
    expect(fusedNames(softmax(dense(x, 6), { axis: 0 }))).toEqual(['x', 'dense_0', 'softmax_0']);
    expect(fuseDenseActivations(planGraph(relu(dense(x, 6)), { ...BUILT_IN_LAYERS, ...unfusedLayers }), referenceBackend).map((step) => step.name)).toEqual(['x', 'dense_0', 'relu_0']);
    expect(fusedNames(relu(dense(x, 6)), countingBackend('dense-only', { ops: ['dense'] }))).toEqual(['x', 'dense_0', 'relu_0']);
    expect(fusedNames(relu(dense(x, 6)), countingBackend('relu-only', { ops: ['relu'] }))).toEqual(['x', 'dense_0', 'relu_0']);
  });

  it('gives the bits of the unfused layers, one kernel call per pair, and reports the pair in the placement', async () => {
    const state = build(mlp).init(template([1, 6]), undefined, { seed: 5 });
    const inputs = randomNormal([3, 6], { seed: 6 });
    const unfused = await build(mlp, { layers: unfusedLayers }).predict(state, inputs);
    const backend = countingBackend();
    const built = build(mlp, { backend });
    expect(bits(await built.predict(state, inputs))).toEqual(bits(unfused));
    expect(backend.calls).toEqual(['dense', 'dense', 'dense']);
    expect(built.placement().map(({ layer: name, op, ranOn }) => [name, op, ranOn])).toEqual([
      ['dense_0+relu_0', 'dense+relu', 'counting'],
      ['dense_1+gelu_0', 'dense+gelu', 'counting'],
      ['dense_2+softmax_0', 'dense+softmax', 'counting'],
    ]);
    expect(formatPlacement(built.placement())).toContain('dense_0+relu_0');
    expect(backend.live.size).toBe(6); // the weights only
  });

  it('fuses quantizedDense and its W8A8 form too', async () => {
    for (const dynamicActivations of [false, true]) {
      const q = layer('quantizedDense', [x], { name: 'q', opName: 'dense', parameters: denseParameters(5), opts: { units: 5, useBias: true, dynamicActivations } });
      const model = softmax(q);
      const state = ModelState.empty().set('q', 'kernel', QTensor.fromTensor(randomNormal([6, 5], { seed: 1 }))).set('q', 'bias', randomNormal([5], { seed: 2 }));
      const inputs = randomNormal([2, 6], { seed: 3 });
      const built = build(model, { backend: countingBackend() });
      expect(bits(await built.predict(state, inputs))).toEqual(bits(await build(model, { layers: unfusedLayers }).predict(state, inputs)));
      expect(built.placement().map((entry) => entry.op)).toEqual([`${dynamicActivations ? 'dynamicQuantizedDense' : 'quantizedDense'}+softmax`]);
    }
  });
});
