import { QTensor, Tensor, map, randomNormal, template, tensor } from '@qaxon/tensor';
import { describe, expect, it } from 'vitest';
import {
  DisposedModelError,
  LayerError,
  ModelState,
  ParameterError,
  add,
  build,
  dense,
  dropout,
  formatPlacement,
  input,
  isHandle,
  layer,
  denseParameters,
  type HostLayerImplementation,
  type Model,
} from '../index.js';
import { countingBackend } from '../test-support/backends.js';

const bits = (t: Tensor) => Array.from(new Uint32Array(Float32Array.from(t.data).buffer));

const mlp: Model = dense(dense(input('x', { shape: [null, 5] }), 8, { activation: 'relu' }), 3, { activation: 'softmax' });
const hostState = build(mlp).init(template([1, 5]), undefined, { seed: 3 });
const withBiases = ['dense_0', 'dense_1'].reduce((s, name, i) => s.set(name, 'bias', randomNormal([s.get(name, 'bias')!.shape[0]!], { seed: 20 + i })), hostState);
const x = randomNormal([4, 5], { seed: 7 });

async function referenceOutput(model: Model = mlp, state: ModelState = withBiases, inputs: Tensor = x): Promise<Tensor> {
  return build(model).predict(state, inputs);
}

describe('placement and fallback to the reference backend', () => {
  it('a backend with only dense runs an MLP with relu and softmax, bit-identical, and says where each op ran and why', async () => {
    const backend = countingBackend('dense-only', { ops: ['dense'] });
    const built = build(mlp, { backend });
    expect(built.placement()).toEqual([]);
    const y = await built.predict(withBiases, x);
    expect(bits(y)).toEqual(bits(await referenceOutput()));
    expect(built.placement().map(({ layer: name, op, kind, ranOn }) => [name, op, kind, ranOn])).toEqual([
      ['dense_0', 'dense', 'backend', 'dense-only'],
      ['relu_0', 'relu', 'fallback', 'reference'],
      ['dense_1', 'dense', 'backend', 'dense-only'],
      ['softmax_0', 'softmax', 'fallback', 'reference'],
    ]);
    expect(built.placement()[1]!.reason).toBe("backend 'dense-only' has no relu kernel");
    expect(backend.calls).toEqual(['dense', 'dense']);
    const table = formatPlacement(built.placement());
    expect(table).toContain('reference (fallback)');
    expect(table).toContain("backend 'dense-only' has no softmax kernel");
  });

  it('a kernel that throws KernelUnsupportedError is run on the reference backend, with its reason', async () => {
    // dense_1 (no activation after it) refused, relu fused into dense_0: the refused call runs on the reference backend.
    const model = dense(dense(input('x', { shape: [null, 5] }), 8, { activation: 'relu' }), 3);
    const backend = countingBackend('picky', { refuse: { dense: 'this layout is not implemented here' } });
    const built = build(model, { backend });
    const state = withBiases;
    const y = await built.predict(state, x);
    expect(bits(y)).toEqual(bits(await referenceOutput(model, state)));
    expect(built.placement().map(({ layer: name, op, kind }) => [name, op, kind])).toEqual([
      ['dense_0+relu_0', 'dense+relu', 'fallback'],
      ['dense_1', 'dense', 'fallback'],
    ]);
    expect(built.placement()[1]!.reason).toBe('the picky kernel refused: dense: this layout is not implemented here');
  });

  it('a quantized kernel falls back with its host QTensor when the backend lacks quantizedDense', async () => {
    const model = layer('quantizedDense', [input('x')], { name: 'q', opName: 'dense', parameters: denseParameters(2), opts: { units: 2, useBias: true } });
    const state = ModelState.empty().set('q', 'kernel', QTensor.fromTensor(randomNormal([5, 2], { seed: 1 }))).set('q', 'bias', tensor([0.5, -0.5]));
    const backend = countingBackend('dense-only', { ops: ['dense'] });
    const built = build(model, { backend });
    expect(bits(await built.predict(state, x))).toEqual(bits(await build(model).predict(state, x)));
    expect(built.placement()[0]).toMatchObject({ op: 'quantizedDense', kind: 'fallback' });
    // A placed quantized weight has no host copy: the fallback says so, naming the layer.
    const placed = await built.place(state);
    await expect(built.predict(placed, x)).rejects.toThrow(/layer q \(op quantizedDense\): quantizedDense: cannot run on the reference backend: the quantized weight \[5, 2\] is held only by backend 'dense-only'/);
  });

  it('a layer written on host tensors (kind: host) gets downloaded inputs, and the report says host', async () => {
    const double: HostLayerImplementation = { kind: 'host', outputShape: ([shape]) => shape!, predict: ([v]) => map(v!, (value) => 2 * value) };
    const backend = countingBackend();
    const built = build(layer('double', [dense(input('x'), 2, { useBias: false })]), { backend, layers: { double } });
    const state = ModelState.empty().set('dense_0', 'kernel', tensor([[1, 0], [0, 1], [1, 1], [0, 0], [2, 2]]));
    expect((await built.predict(state, tensor([[1, 2, 3, 4, 5]]))).toArray()).toEqual([[28, 30]]);
    expect(built.placement().map((entry) => [entry.op, entry.kind, entry.ranOn])).toEqual([
      ['dense', 'backend', 'counting'],
      ['double', 'host', 'host'],
    ]);
  });

  it('refuses an implementation of an unknown kind at build time', () => {
    const odd = { kind: 'gpu', outputShape: ([s]: readonly (readonly number[])[]) => s!, predict: () => tensor([1]) };
    expect(() => build(layer('odd', [input('x')]), { layers: { odd: odd as never } })).toThrow(/layer odd_0: the implementation of op 'odd' has kind "gpu"; expected 'ops'/);
  });

  it('an op layer that returns a host tensor is told about kind: host', async () => {
    const model = layer('bad', [input('x')]);
    const built = build(model, { layers: { bad: { outputShape: ([s]) => s!, predict: () => tensor([1]) as never } } });
    await expect(built.predict(ModelState.empty(), tensor([1]))).rejects.toThrow(LayerError);
    await expect(built.predict(ModelState.empty(), tensor([1]))).rejects.toThrow(/needs kind: 'host'/);
  });
});

describe('handles on the backend', () => {
  it('after predict only the weights are live: inputs and intermediates are released, the output downloaded once', async () => {
    for (const backend of [countingBackend(), countingBackend('dense-only', { ops: ['dense'] })]) {
      const built = build(mlp, { backend });
      await built.predict(withBiases, x);
      expect(backend.live.size).toBe(4);
      for (const handle of backend.live) expect([...withBiases.parameters()].some(([, , value]) => handle.value === value)).toBe(true);
      expect(backend.counts.downloads).toBe(backend.name === 'counting' ? 1 : 3);
      const uploads = backend.counts.uploads;
      await built.predict(withBiases, x);
      expect(backend.live.size).toBe(4);
      // weights are uploaded once per built model: the next predict uploads the input (and fallback results) only
      expect(backend.counts.uploads - uploads).toBe(backend.name === 'counting' ? 1 : 3);
    }
  });

  it('an input used twice is uploaded once; a layer returning its input (dropout) is handled; errors release too', async () => {
    const backend = countingBackend();
    const model = add(dropout(input('a')), dense(input('b'), 5, { useBias: false }));
    const built = build(model, { backend });
    const state = built.init({ a: template([4, 5]), b: template([4, 5]) });
    const y = await built.predict(state, x);
    expect(bits(y)).toEqual(bits(await build(model).predict(state, x)));
    expect(backend.counts.uploads).toBe(2); // x once, the kernel once
    expect(backend.live.size).toBe(1);
    await expect(built.predict(state, { a: x, b: randomNormal([4, 5], { seed: 1 }) })).resolves.toBeInstanceOf(Tensor);
    expect(backend.live.size).toBe(1);
    await expect(built.predict(state, { a: x, b: randomNormal([4, 3], { seed: 1 }) })).rejects.toThrow();
    expect(backend.live.size).toBe(1);
  });
});

describe('place(state)', () => {
  it('moves the parameters onto the backend as handles; predict on the placed state equals host predict', async () => {
    const backend = countingBackend();
    const built = build(mlp, { backend });
    const frozen = withBiases.freeze(([name]) => name === 'dense_0');
    const placed = await built.place(frozen);
    for (const [, , value] of placed) expect(isHandle(value)).toBe(true);
    expect(placed.frozenParameters()).toEqual(frozen.frozenParameters());
    expect(placed.byteSize()).toBe(frozen.byteSize());
    expect(placed.parameterCount()).toBe(frozen.parameterCount());
    expect(String(placed)).toContain('dense_0.kernel: f32[5][8] on counting (frozen)');
    expect(backend.counts.uploads).toBe(4);
    const y = await built.predict(placed, x);
    expect(bits(y)).toEqual(bits(await build(mlp).predict(withBiases, x)));
    expect(backend.counts.uploads).toBe(5);
    expect(backend.live.size).toBe(4);
  });

  it('a quantized state keeps its byte size as handles', async () => {
    const state = ModelState.empty().set('d', 'kernel', QTensor.fromTensor(randomNormal([6, 4], { seed: 2 })));
    const placed = await build(mlp, { backend: countingBackend() }).place(state);
    expect(placed.byteSize()).toBe(state.byteSize());
    expect(String(placed)).toBe('ModelState { d.kernel: QTensor<s8>[6][4] on counting }');
  });

  it('refuses handles of another backend, in place and in predict, naming the parameter', async () => {
    const placed = await build(mlp, { backend: countingBackend('one') }).place(withBiases);
    const other = build(mlp, { backend: countingBackend('two') });
    await expect(other.place(placed)).rejects.toThrow(ParameterError);
    await expect(other.predict(placed, x)).rejects.toThrow(/layer dense_0 \(op dense\): parameter 'kernel' is a handle \(f32\[5\]\[8\] on one\) that backend 'two' does not hold/);
  });
});

describe('dispose()', () => {
  it("releases the model's weight handles, and a disposed model says so", async () => {
    const backend = countingBackend();
    const built = build(mlp, { backend });
    const placed = await built.place(withBiases);
    await built.predict(withBiases, x);
    expect(backend.live.size).toBe(4);
    built.dispose();
    expect(backend.live.size).toBe(0);
    built.dispose();
    await expect(built.predict(withBiases, x)).rejects.toThrow(DisposedModelError);
    await expect(built.predict(withBiases, x)).rejects.toThrow("predict: this built model was disposed (its weight handles on backend 'counting' were released); build the model again");
    expect(() => built.init(template([1, 5]))).toThrow(DisposedModelError);
    await expect(built.place(withBiases)).rejects.toThrow(DisposedModelError);
    await expect(build(mlp, { backend }).predict(placed, x)).rejects.toThrow(/does not hold: it was released/);
  });
});
