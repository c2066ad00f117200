import { QTensor, map, ones, randomNormal, runOp, template, type Tensor } from '@qaxon/tensor';
import { referenceBackend } from '@qaxon/kernel-reference';
import { describe, expect, it } from 'vitest';
import {
  DuplicateNameError,
  GraphStructureError,
  add,
  build,
  dense,
  input,
  mapNodes,
  properties,
  reduceNodes,
  relu,
  rewriteNodes,
  type Node,
  type NodeRewriter,
} from '../index.js';

describe('rewriteNodes, mapNodes, reduceNodes, properties', () => {
  const model = dense(dense(input('input', { shape: [null, 1] }), 10, { activation: 'relu' }), 3, { name: 'head' });

  // What @qaxon/quantization's quantizeModel does.
  const toQuantizedDense: NodeRewriter = (node) => ({ ...node, op: 'quantizedDense' });
  const quantize = (m: typeof model) => rewriteNodes(m, (node) => (node.op === 'dense' ? toQuantizedDense : 'skip'));

  it('replaces every dense node keeping name, units, useBias and the other nodes; the input model is unchanged', () => {
    const before = JSON.stringify(model);
    const quantized = quantize(model);
    expect(JSON.stringify(model)).toBe(before);
    expect(quantized.output).toBe(model.output);
    expect(properties(quantized)).toEqual(properties(model));
    expect(properties(quantized)).toEqual({ input: 'input', dense_0: 'dense', relu_0: 'relu', head: 'dense' });
    for (const node of Object.values(quantized.nodes)) {
      const original = model.nodes[node.id]!;
      expect(node.op).toBe(original.op === 'dense' ? 'quantizedDense' : original.op);
      expect(node.name).toBe(original.name);
      expect(node.opts).toEqual(original.opts);
      expect(node.parents).toEqual(original.parents);
      if (original.op !== 'dense') expect(node).toBe(original);
    }
    expect(Object.isFrozen(quantized.nodes)).toBe(true);
  });

  it('a rewritten model predicts with a quantized state: relu(quantizedDense(ones, kernel, bias)) by hand', async () => {
    const tiny = dense(input('input'), 10, { activation: 'relu' });
    const state = build(tiny).init(template([1, 1]), undefined, { seed: 1 });
    const kernel = QTensor.fromTensor(state.get('dense_0', 'kernel') as Tensor);
    const qState = state.set('dense_0', 'kernel', kernel).freeze(([layer]) => layer === 'dense_0');
    const y = await build(quantize(tiny)).predict(qState, ones([1, 1]));
    const expected = map(await runOp(referenceBackend, 'quantizedDense', { x: ones([1, 1]), kernel, bias: state.get('dense_0', 'bias') as Tensor<'f32'> }, {}), (v) => Math.max(v, 0));
    expect([...y.data]).toEqual([...expected.data]);
    expect(qState.isFrozen('dense_0', 'bias')).toBe(true);
  });

  it('passes each node its resolved name, and keeps the id whatever the rewriter returns', () => {
    const seen: string[] = [];
    const renamed = rewriteNodes(model, (node, { name }) => {
      seen.push(name);
      return node.op === 'relu' ? (n) => ({ ...n, id: 99999, op: 'gelu', opName: 'gelu' }) : 'skip';
    });
    expect(seen).toEqual(['input', 'dense_0', 'relu_0', 'head']);
    expect(properties(renamed)).toEqual({ input: 'input', dense_0: 'dense', gelu_0: 'gelu', head: 'dense' });
    expect(renamed.nodes[99999]).toBeUndefined();
  });

  it('refuses rewriters that break the graph or return non-nodes', () => {
    expect(() => rewriteNodes(model, (node) => (node.op === 'relu' ? (n) => ({ ...n, parents: [424242] }) : 'skip'))).toThrow(GraphStructureError);
    expect(() => rewriteNodes(model, (node) => (node.op === 'relu' ? ((() => 42) as unknown as NodeRewriter) : 'skip'))).toThrow(
      'rewriting layer relu_0: expected the rewriter to return a node, got 42',
    );
    expect(() => rewriteNodes(model, () => 'keep' as never)).toThrow("expected 'skip' or a rewriter function, got \"keep\"");
  });

  it('mapNodes applies a function to every node; reduceNodes folds in graph order', async () => {
    const tagged = mapNodes(model, (node: Node) => ({ ...node, meta: { tagged: true } }));
    expect(Object.values(tagged.nodes).every((node) => node.meta['tagged'] === true)).toBe(true);
    expect(Object.values(model.nodes).some((node) => node.meta['tagged'] === true)).toBe(false);
    const names = reduceNodes(model, [] as string[], (_node, accumulator, { name }) => [...accumulator, name]);
    expect(names).toEqual(['input', 'dense_0', 'relu_0', 'head']);
    const { init, predict } = build(tagged);
    expect((await predict(init(template([2, 1])), randomNormal([2, 1], { seed: 0 }))).shape).toEqual([2, 3]);
  });

  it('a model and its rewrite combine as two branches (the shared input once); explicit names then collide at build', () => {
    const quantized = quantize(model);
    const both = add(model, quantized);
    expect(Object.values(both.nodes).map((node) => node.op).sort()).toEqual(['add', 'dense', 'dense', 'input', 'quantizedDense', 'quantizedDense', 'relu', 'relu']);
    expect(() => properties(both)).toThrow(DuplicateNameError);
    expect(() => build(both)).toThrow(/duplicate layer name 'head'/);
    const plain = dense(input('x'), 2);
    const rewritten = rewriteNodes(plain, (node) => (node.op === 'dense' ? (dense) => ({ ...dense, opts: { ...dense.opts, useBias: false } }) : 'skip'));
    expect(properties(add(plain, rewritten))).toEqual({ x: 'input', dense_0: 'dense', dense_1: 'dense', add_0: 'add' });
    expect(properties(relu(quantized))).toEqual({ input: 'input', dense_0: 'dense', relu_0: 'relu', head: 'dense', relu_1: 'relu' });
  });
});
