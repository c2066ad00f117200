import { build, dense, input, properties, relu, softmax, add, type Node } from '@qaxon/graph';
import { QTensor, randomNormal, template } from '@qaxon/tensor';
import { describe, expect, it } from 'vitest';
import { QUANTIZED_DENSE_OP, quantizeModel, isFloatDense, isDenseLike } from './index.js';

const mlp = () => softmax(dense(relu(dense(input('pixels'), 8)), 4, { name: 'classifier', useBias: false }));

describe('quantizeModel', () => {
  it('rewrites every dense node with the same name, units and useBias; other nodes untouched', () => {
    const model = mlp();
    const quantized = quantizeModel(model);
    expect(properties(quantized)).toEqual(properties(model));
    expect(properties(quantized)).toEqual({ pixels: 'input', dense_0: 'dense', relu_0: 'relu', classifier: 'dense', softmax_0: 'softmax' });
    const byOp = (m: typeof model, op: string) => Object.values(m.nodes).filter((n: Node) => n.op === op);
    const rewritten = byOp(quantized, QUANTIZED_DENSE_OP);
    expect(rewritten).toHaveLength(2);
    expect(byOp(quantized, 'dense')).toHaveLength(0);
    for (const node of rewritten) {
      const original = model.nodes[node.id]!;
      expect(node.name).toBe(original.name);
      expect(node.opName).toBe('dense');
      expect(node.opts).toEqual(original.opts);
      expect(node.parents).toEqual(original.parents);
      expect(node.parameters.map((p) => p.name)).toEqual(original.parameters.map((p) => p.name));
    }
    expect(rewritten.find((n) => n.name === 'classifier')!.opts).toEqual({ units: 4, useBias: false });
    for (const op of ['input', 'relu', 'softmax']) expect(byOp(quantized, op)).toEqual(byOp(model, op));
  });

  it('does not change the input model', () => {
    const model = mlp();
    const before = JSON.stringify(Object.values(model.nodes).map((n) => [n.id, n.op, n.opName, n.name, n.opts]));
    quantizeModel(model);
    expect(JSON.stringify(Object.values(model.nodes).map((n) => [n.id, n.op, n.opName, n.name, n.opts]))).toBe(before);
    expect(Object.values(model.nodes).filter(isFloatDense)).toHaveLength(2);
  });

  it('quantizing twice is the same as once', () => {
    const once = quantizeModel(mlp());
    const twice = quantizeModel(once);
    expect(Object.values(twice.nodes).map((n) => n.op)).toEqual(Object.values(once.nodes).map((n) => n.op));
    expect(Object.values(twice.nodes).filter(isDenseLike)).toHaveLength(2);
  });

  it('keeps layers the filter rejects in float, with resolved names given to the filter', () => {
    const seen: string[] = [];
    const quantized = quantizeModel(mlp(), {
      filter: (node) => {
        seen.push(node.name);
        return node.name !== 'classifier';
      },
    });
    expect(seen).toEqual(['dense_0', 'classifier']);
    const ops = Object.fromEntries(Object.values(quantized.nodes).map((n) => [n.name ?? n.op, n.op]));
    expect(ops['classifier']).toBe('dense');
    expect(Object.values(quantized.nodes).filter((n) => n.op === QUANTIZED_DENSE_OP)).toHaveLength(1);
  });

  it('initializes quantized kernels from the original initializers, as QTensors of the float init', () => {
    const model = mlp();
    const floatState = build(model).init(template([1, 16]), undefined, { seed: 3 });
    const quantizedState = build(quantizeModel(model)).init(template([1, 16]), undefined, { seed: 3 });
    const q = quantizedState.get('dense_0', 'kernel') as QTensor;
    expect(q).toBeInstanceOf(QTensor);
    const expected = QTensor.fromTensor(floatState.get('dense_0', 'kernel') as never);
    expect(q.value.data).toEqual(expected.value.data);
    expect(q.scale.data).toEqual(expected.scale.data);
    expect(quantizedState.get('dense_0', 'bias')).toEqual(floatState.get('dense_0', 'bias'));
  });

  it('works on graphs with branches (a dense shared by two paths)', async () => {
    const x = input('x');
    const shared = dense(x, 3);
    const model = add(relu(shared), dense(shared, 3));
    const quantized = quantizeModel(model);
    expect(properties(quantized)).toEqual(properties(model));
    const state = build(quantized).init(template([2, 5]));
    const y = await build(quantized).predict(state, randomNormal([2, 5], { seed: 1 }));
    expect(y.shape).toEqual([2, 3]);
  });
});
