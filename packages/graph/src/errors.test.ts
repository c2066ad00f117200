import { QTensor, QaxonError, ones, randomNormal, template, tensor } from '@qaxon/tensor';
import { describe, expect, it } from 'vitest';
import {
  DuplicateNameError,
  GraphError,
  GraphStructureError,
  InputError,
  LayerError,
  ModelState,
  ParameterError,
  UnknownActivationError,
  UnknownInitializerError,
  UnknownOpError,
  activation,
  build,
  dense,
  input,
  layer,
  rewriteNodes,
} from './index.js';
import { makeModel } from './internals.js';

// Every error named in the issue: each names the layer (or input) and says expected vs given.
describe('errors', () => {
  const model = dense(input('x', { shape: [null, 4] }), 2, { activation: 'relu' });

  it('an input shape that does not fit the declared input shape', () => {
    const { init } = build(model);
    expect(() => init(template([1, 3]))).toThrow(InputError);
    expect(() => init(template([1, 3]))).toThrow("input 'x': expected shape [any, 4], got [1, 3]");
  });

  it('an input shape that does not fit the first dense layer', async () => {
    const free = dense(input('x'), 2);
    const { init, predict } = build(free);
    const state = init(template([1, 4]));
    await expect(predict(state, ones([1, 3]))).rejects.toThrow(InputError);
    await expect(predict(state, ones([1, 3]))).rejects.toThrow(
      "layer dense_0 (op dense): the inputs [[1, 3]] do not fit parameter 'kernel' of shape [4, 2] (these inputs would need [3, 2])",
    );
    expect(() => init(template([]))).toThrow('layer dense_0 (op dense): expected an input of rank >= 1 [..., in], got a scalar (shape [])');
  });

  it('a missing named input, in init and in predict', async () => {
    const { init, predict } = build(model);
    expect(() => init({ y: template([1, 4]) })).toThrow(InputError);
    expect(() => init({ y: template([1, 4]) })).toThrow("missing input 'x': the model needs it, the given record has only 'y'");
    await expect(predict(ModelState.empty(), {})).rejects.toThrow("missing input 'x': the model needs it, the given record has no keys");
    await expect(predict(init(template([1, 4])), template([1, 4]) as never)).rejects.toThrow(
      "input 'x': expected a Tensor, got Template<f32>[1, 4] (a template has no data: predict needs a tensor)",
    );
  });

  it('an unknown activation or initializer', () => {
    expect(() => activation(input('x'), 'mish' as never)).toThrow(UnknownActivationError);
    expect(() => dense(input('x'), 2, { kernelInitializer: 'orthogonal' as never })).toThrow(UnknownInitializerError);
  });

  it('duplicate explicit layer names', () => {
    expect(() => build(dense(dense(input('x'), 2, { name: 'h' }), 2, { name: 'h' }))).toThrow(DuplicateNameError);
  });

  it('a state missing a parameter the model needs', async () => {
    const { predict } = build(model);
    const partial = ModelState.empty().set('dense_0', 'kernel', ones([4, 2]));
    await expect(predict(partial, ones([1, 4]))).rejects.toThrow(ParameterError);
    await expect(predict(partial, ones([1, 4]))).rejects.toThrow(
      "layer dense_0 (op dense): the state is missing parameter 'bias' (it holds only 'kernel'); run init with this model first",
    );
    await expect(predict(ModelState.empty(), ones([1, 4]))).rejects.toThrow("parameter 'kernel' (it holds no parameters for this layer)");
  });

  it('a state holding a parameter of the wrong shape', () => {
    const { init } = build(model);
    const wrong = ModelState.empty().set('dense_0', 'kernel', ones([3, 2]));
    expect(() => init(template([1, 4]), wrong)).toThrow(ParameterError);
    expect(() => init(template([1, 4]), wrong)).toThrow(
      "layer dense_0 (op dense): the given state holds parameter 'kernel' with shape [3, 2], but for input shapes [[1, 4]] the model needs [4, 2]",
    );
  });

  it('a cycle or a dangling node', () => {
    const node = model.nodes[model.output]!;
    expect(() => build(makeModel({ ...model.nodes, [node.id]: { ...node, parents: [node.id] } }, node.id))).toThrow(GraphStructureError);
    expect(() => build(makeModel({ [node.id]: node }, node.id))).toThrow(/which is not in the model \(a dangling node reference\)/);
  });

  it('an unknown op at build time', () => {
    expect(() => build(layer('conv', [input('x')]))).toThrow(UnknownOpError);
    expect(() => build(layer('conv', [input('x')]))).toThrow(/layer conv_0: unknown op 'conv'; expected one of input, dense, quantizedDense, relu/);
  });

  it('a plain f32 kernel for a quantizedDense layer, and a QTensor kernel for a dense layer', async () => {
    const quantized = rewriteNodes(dense(input('x'), 3), (node) => (node.op === 'dense' ? (n) => ({ ...n, op: 'quantizedDense' }) : 'skip'));
    const { init, predict } = build(quantized);
    const f32State = init(template([1, 2]));
    await expect(predict(f32State, ones([1, 2]))).rejects.toThrow(ParameterError);
    await expect(predict(f32State, ones([1, 2]))).rejects.toThrow(
      "layer dense_0 (op quantizedDense): expected parameter 'kernel' to be a QTensor (int8 values and per-channel scales), got a plain f32 tensor [2, 3]",
    );
    const qState = f32State.set('dense_0', 'kernel', QTensor.fromTensor(randomNormal([2, 3], { seed: 1 })));
    await expect(build(dense(input('x'), 3)).predict(qState, ones([1, 2]))).rejects.toThrow(
      "layer dense_0 (op dense): expected parameter 'kernel' to be an f32 tensor, got a QTensor [2, 3]",
    );
  });

  it('an initializer returning the wrong shape, or failing', () => {
    const bad = dense(input('x'), 2, { kernelInitializer: () => ones([1]) });
    expect(() => build(bad).init(template([1, 4]))).toThrow("layer dense_0 (op dense) parameter 'kernel': expected the initializer to return shape [4, 2], got [1]");
    const failing = dense(input('x'), 2, { kernelInitializer: () => QTensor.fromTensor(tensor([Number.NaN], { shape: [1, 1] })) });
    expect(() => build(failing).init(template([1, 4]))).toThrow(/layer dense_0 \(op dense\): the initializer of parameter 'kernel' failed: QTensor.fromTensor: expected finite weights/);
  });

  it('an error inside a layer is wrapped with the layer name (cause kept)', async () => {
    const boom = new Error('kernel exploded');
    const model2 = layer('boom', [input('x')]);
    const { init, predict } = build(model2, {
      layers: { boom: { outputShape: ([s]) => s!, predict: () => Promise.reject(boom) } },
    });
    const error = await predict(init(template([1])), ones([1])).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LayerError);
    expect(error).toBeInstanceOf(GraphError);
    expect(error).toBeInstanceOf(QaxonError);
    expect((error as Error).message).toBe('layer boom_0 (op boom): kernel exploded');
    expect((error as Error).cause).toBe(boom);
  });
});
