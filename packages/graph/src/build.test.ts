import { QTensor, add as addTensors, allClose, map, matmul, ones, randomNormal, template, tensor, type Tensor } from '@qaxon/tensor';
import { describe, expect, it } from 'vitest';
import {
  LayerOptionError,
  ParameterError,
  ModelState,
  add,
  build,
  dense,
  denseParameters,
  input,
  layer,
  properties,
  type InitReport,
  type LayerImplementation,
} from './index.js';
import { countingBackend } from './test-support/backends.js';

const relu = (t: Tensor) => map(t, (v) => Math.max(v, 0));
const softmaxRows = (t: Tensor) => {
  const width = t.shape[t.rank - 1]!;
  return map(t, (v, i) => {
    const row = Array.from(t.data.subarray(i - (i % width), i - (i % width) + width));
    const top = Math.max(...row);
    return Math.exp(v - top) / row.reduce((total, w) => total + Math.exp(w - top), 0);
  });
};

describe('build -> {init, predict}', () => {
  const mlp = dense(dense(dense(input('x', { shape: [null, 6] }), 16, { activation: 'relu' }), 8, { activation: 'tanh' }), 3, {
    activation: 'softmax',
  });

  it('an MLP gives the same output as the same maths written with @qaxon/tensor operations', async () => {
    const { init, predict } = build(mlp);
    const state = init(template([4, 6]), ModelState.empty(), { seed: 42 });
    const withBias = ['dense_0', 'dense_1', 'dense_2'].reduce(
      (s, layerName, i) => s.set(layerName, 'bias', randomNormal([s.get(layerName, 'bias')!.shape[0]!], { seed: 100 + i, stddev: 0.1 })),
      state,
    );
    const x = randomNormal([4, 6], { seed: 7 });
    const y = await predict(withBias, x);
    const p = (l: string, n: string) => withBias.get(l, n) as Tensor;
    const h1 = relu(addTensors(matmul(x, p('dense_0', 'kernel')), p('dense_0', 'bias')));
    const h2 = map(addTensors(matmul(h1, p('dense_1', 'kernel')), p('dense_1', 'bias')), Math.tanh);
    const expected = softmaxRows(addTensors(matmul(h2, p('dense_2', 'kernel')), p('dense_2', 'bias')));
    expect(y.shape).toEqual([4, 3]);
    expect(allClose(y, expected, { rtol: 1e-5, atol: 1e-6 }).message).toBe('');
  });

  it('infers every parameter shape from a template, a tensor, or a record of either', () => {
    const { init, layerNames } = build(mlp);
    expect(layerNames).toEqual(['x', 'dense_0', 'relu_0', 'dense_1', 'tanh_0', 'dense_2', 'softmax_0']);
    for (const given of [template([1, 6]), ones([2, 6]), { x: template([3, 6]) }]) {
      const state = init(given);
      expect(state.get('dense_0', 'kernel')!.shape).toEqual([6, 16]);
      expect(state.get('dense_1', 'kernel')!.shape).toEqual([16, 8]);
      expect(state.get('dense_2', 'bias')!.shape).toEqual([3]);
      expect(state.parameterCount()).toBe(6 * 16 + 16 + 16 * 8 + 8 + 8 * 3 + 3);
    }
  });

  it('keeps parameters already in the given state (and their frozen marks), creating only the others', () => {
    const { init } = build(mlp);
    const kernel = randomNormal([6, 16], { seed: 1 });
    const given = ModelState.empty().set('dense_0', 'kernel', kernel).freeze();
    const state = init(template([1, 6]), given, { seed: 5 });
    expect(state.get('dense_0', 'kernel')).toBe(kernel);
    expect(state.isFrozen('dense_0', 'kernel')).toBe(true);
    expect(state.isFrozen('dense_0', 'bias')).toBe(false);
    expect(state.get('dense_1', 'kernel')).toBeDefined();
    expect(given.get('dense_1', 'kernel')).toBeUndefined();
  });

  it('reports the parameters it initialized and the state entries no layer has; strict refuses both', () => {
    const { init } = build(dense(input('x'), 2));
    const loaded = ModelState.empty().set('dense_0', 'kernel', randomNormal([3, 2], { seed: 1 })).set('fc2', 'weight', randomNormal([2, 2], { seed: 2 }));
    const reports: InitReport[] = [];
    const state = init(template([1, 3]), loaded, { onReport: (report) => reports.push(report) });
    expect(reports).toEqual([{ initialized: [['dense_0', 'bias']], unused: [['fc2', 'weight']] }]);
    expect(state.has('fc2', 'weight')).toBe(true);
    expect(() => init(template([1, 3]), loaded, { strict: true })).toThrow(ParameterError);
    expect(() => init(template([1, 3]), loaded, { strict: true })).toThrow(
      'init (strict): the given state does not fit the model: it lacks dense_0.bias, which the model needs; it holds fc2.weight, which no layer of the model has (check the names of a mapping, or pass strict: false to initialize what is missing and keep the rest)',
    );
    const complete = init(template([1, 3]), ModelState.empty().set('dense_0', 'kernel', randomNormal([3, 2], { seed: 1 })).set('dense_0', 'bias', tensor([0, 0])), { strict: true });
    expect(complete.parameterCount()).toBe(8);
  });

  it('is deterministic: the same seed gives the same state, and adding a layer does not change the others', () => {
    const a = build(mlp).init(template([1, 6]), undefined, { seed: 3 });
    const b = build(mlp).init(template([1, 6]), undefined, { seed: 3 });
    const bigger = build(dense(mlp, 2)).init(template([1, 6]), undefined, { seed: 3 });
    for (const [layerName, parameter, value] of a) {
      expect([...(b.get(layerName, parameter) as Tensor).data]).toEqual([...(value as Tensor).data]);
      expect([...(bigger.get(layerName, parameter) as Tensor).data]).toEqual([...(value as Tensor).data]);
    }
    expect(() => build(mlp).init(template([1, 6]), undefined, { seed: 1.5 })).toThrow(LayerOptionError);
  });

  it('runs several named inputs, and awaits asynchronous kernels', async () => {
    const model = add(dense(input('a'), 2, { name: 'da' }), dense(input('b'), 2, { name: 'db' }));
    const { init, predict } = build(model, { backend: countingBackend('async', { async: true }) });
    const state = init({ a: template([1, 3]), b: template([1, 5]) });
    const a = randomNormal([1, 3], { seed: 1 });
    const b = randomNormal([1, 5], { seed: 2 });
    const y = await predict(state, { a, b });
    const expected = addTensors(matmul(a, state.get('da', 'kernel') as Tensor), matmul(b, state.get('db', 'kernel') as Tensor));
    expect(allClose(y, expected, { atol: 1e-6 }).message).toBe('');
  });

  it('runs dense layers through the backend, and quantizedDense layers with QTensor kernels through quantizedDense', async () => {
    const backend = countingBackend('recording');
    const x = input('x');
    const quantized = layer('quantizedDense', [dense(x, 4)], {
      opName: 'dense',
      parameters: denseParameters(3, {
        kernelInitializer: (shape, _dtype, key) => QTensor.fromTensor(randomNormal(shape, { seed: key })),
      }),
      opts: { units: 3, useBias: true },
    });
    expect(properties(quantized)).toEqual({ x: 'input', dense_0: 'dense', dense_1: 'dense' });
    const { init, predict } = build(quantized, { backend });
    const state = init(template([2, 5]));
    expect(state.get('dense_1', 'kernel')).toBeInstanceOf(QTensor);
    const input0 = randomNormal([2, 5], { seed: 9 });
    const y = await predict(state, input0);
    expect(backend.calls).toEqual(['dense', 'quantizedDense']);
    const hidden = matmul(input0, state.get('dense_0', 'kernel') as Tensor);
    const expected = matmul(hidden, (state.get('dense_1', 'kernel') as QTensor).dequantize());
    expect(allClose(y, expected, { rtol: 1e-5, atol: 1e-5 }).message).toBe('');
  });

  it('takes custom layer implementations by op name, for one build only', async () => {
    const scale: LayerImplementation = {
      kind: 'host',
      outputShape: ([s]) => s!,
      predict: ([v], parameters) => {
        const factor = parameters['factor'] as Tensor;
        return map(v!, (value, i) => value * factor.data[i % factor.size]!);
      },
    };
    const model = layer('scale', [input('x')], {
      parameters: [{ name: 'factor', shape: ([s]) => [s![s!.length - 1]!], initializer: 'ones' }],
    });
    const { init, predict } = build(model, { layers: { scale } });
    const state = init(template([1, 2])).set('scale_0', 'factor', tensor([2, 3]));
    expect((await predict(state, tensor([[1, 1]]))).toArray()).toEqual([[2, 3]]);
  });

  it('rejects a non-backend, naming what it lacks', () => {
    expect(() => build(mlp, { backend: {} as never })).toThrow(LayerOptionError);
    expect(() => build(mlp, { backend: {} as never })).toThrow(/expected a Backend \(name, kernels, upload, download, release, owns\), got .* lacking name, kernels, upload, download, release, owns/);
    const v1 = { name: 'old', dense: () => undefined, quantizedDense: () => undefined };
    expect(() => build(mlp, { backend: v1 as never })).toThrow(/old contract, with dense\(\)\/quantizedDense\(\) methods/);
  });

  it('uses one tensor for every input when not given a record, as Axon does', async () => {
    const model = add(input('a'), input('b'));
    const { init, predict } = build(model);
    const y = await predict(init(template([1, 2])), tensor([[1, 2]]));
    expect(y.toArray()).toEqual([[2, 4]]);
    expect((await predict(ModelState.empty(), { a: tensor([[1, 2]]), b: tensor([[1, 2]]), extra: tensor([0]) })).shape).toEqual([1, 2]);
  });
});
