import { referenceBackend } from '@qaxon/kernel-reference';
import { QTensor, randomNormal, runOp, template, tensor, type OpAttrs, type OpName, type Tensor, type HostOpInputs } from '@qaxon/tensor';
import { describe, expect, it } from 'vitest';
import {
  InputError,
  LayerOptionError,
  ModelState,
  attention,
  build,
  embedding,
  input,
  layerNorm,
  matMul,
  rmsNorm,
  rotaryEmbedding,
  slice,
  split,
  transpose,
  type Model,
  type PredictInputs,
} from '../index.js';

const bits = (t: Tensor) => Array.from(new Uint32Array(Float32Array.from(t.data).buffer));
const reference = <O extends OpName>(op: O, inputs: HostOpInputs<O>, attrs: OpAttrs<O>) => runOp(referenceBackend, op, inputs, attrs);
const run = (model: Model, inputs: PredictInputs, state = ModelState.empty()) => build(model).predict(state, inputs);
const ids = (values: number[][]) => tensor(values, { dtype: 's32' });

describe('transformer layers: each is its op on the reference backend, bit for bit', () => {
  it('embedding gathers rows of kernel [vocab, dim] at s32 ids, from a float table or a QTensor per row', async () => {
    const model = embedding(input('ids', { shape: [null, null], dtype: 's32' }), 10, 4, { name: 'embed' });
    const { init, predict } = build(model);
    const state = init({ ids: template([2, 3], 's32') }, undefined, { seed: 1 });
    expect(state.get('embed', 'kernel')!.shape).toEqual([10, 4]);
    const table = randomNormal([10, 4], { seed: 2 });
    const x = ids([[0, 9, 3], [3, 3, 1]]);
    const y = await predict(state.set('embed', 'kernel', table), x);
    expect(y.shape).toEqual([2, 3, 4]);
    expect(bits(y)).toEqual(bits(await reference('gather', { table, indices: x }, {})));
    const q = QTensor.fromTensor(table, { axis: 0 });
    const yq = await predict(state.set('embed', 'kernel', q), x);
    expect(bits(yq)).toEqual(bits(await reference('gather', { table: q, indices: x }, {})));
    const row = (t: Tensor, r: number) => Array.from(t.data.slice(r * 4, r * 4 + 4));
    row(yq, 1).forEach((v, i) => expect(v).toBeCloseTo(table.data[9 * 4 + i]!, 1));
  });

  it('rmsNorm and layerNorm (with and without bias) run their op with gamma, beta and epsilon', async () => {
    const x = randomNormal([2, 3, 6], { seed: 3, stddev: 2 });
    const gamma = randomNormal([6], { seed: 4 });
    const beta = randomNormal([6], { seed: 5 });
    const rms = await run(rmsNorm(input('x'), { name: 'n', epsilon: 1e-3 }), x, ModelState.empty().set('n', 'gamma', gamma));
    expect(bits(rms)).toEqual(bits(await reference('rmsNorm', { x, gamma }, { eps: 1e-3 })));
    const ln = await run(layerNorm(input('x'), { name: 'n', epsilon: 1e-12 }), x, ModelState.empty().set('n', 'gamma', gamma).set('n', 'beta', beta));
    expect(bits(ln)).toEqual(bits(await reference('layerNorm', { x, gamma, beta }, { eps: 1e-12 })));
    const noBias = layerNorm(input('x'), { name: 'n', bias: false });
    expect(noBias.nodes[noBias.output]!.parameters.map((p) => p.name)).toEqual(['gamma']);
    const state = build(noBias).init(template([2, 3, 6]));
    expect(state.data['n']).toHaveProperty('gamma');
    expect(state.data['n']).not.toHaveProperty('beta');
    expect(bits(await run(noBias, x, ModelState.empty().set('n', 'gamma', gamma)))).toEqual(bits(await reference('layerNorm', { x, gamma }, { eps: 1e-5 })));
  });

  it('matMul multiplies batched operands, transposing either side on request', async () => {
    const a = randomNormal([2, 3, 4], { seed: 6 });
    const b = randomNormal([2, 5, 4], { seed: 7 });
    const model = matMul(input('a'), input('b'), { transposeB: true });
    expect(build(model).init({ a: template([2, 3, 4]), b: template([2, 5, 4]) }).parameterCount()).toBe(0);
    const y = await run(model, { a, b });
    expect(y.shape).toEqual([2, 3, 5]);
    expect(bits(y)).toEqual(bits(await reference('matMul', { a, b }, { transposeA: false, transposeB: true })));
    await expect(run(matMul(input('a'), input('b')), { a, b })).rejects.toThrow(/layer matMul_0 \(op matMul\)/);
  });

  it('attention (grouped-query, causal, padding mask) is the attention op', async () => {
    const query = randomNormal([2, 3, 8], { seed: 8 });
    const key = randomNormal([2, 5, 4], { seed: 9 });
    const value = randomNormal([2, 5, 4], { seed: 10 });
    const mask = ids([[1, 1, 1, 1, 0], [0, 1, 1, 1, 1]]);
    const model = attention(input('q'), input('k'), input('v'), { heads: 4, kvHeads: 2, causal: true, mask: input('mask', { dtype: 's32' }) });
    const state = build(model).init({ q: template([2, 3, 8]), k: template([2, 5, 4]), v: template([2, 5, 4]), mask: template([2, 5], 's32') });
    const y = await build(model).predict(state, { q: query, k: key, v: value, mask });
    expect(y.shape).toEqual([2, 3, 8]);
    expect(bits(y)).toEqual(bits(await reference('attention', { query, key, value, mask }, { heads: 4, kvHeads: 2, causal: true })));
    const plain = await run(attention(input('q'), input('k'), input('v'), { heads: 2, scale: 0.5 }), { q: query, k: randomNormal([2, 5, 8], { seed: 11 }), v: randomNormal([2, 5, 8], { seed: 12 }) });
    expect(bits(plain)).toEqual(
      bits(await reference('attention', { query, key: randomNormal([2, 5, 8], { seed: 11 }), value: randomNormal([2, 5, 8], { seed: 12 }) }, { heads: 2, kvHeads: 2, causal: false, scale: 0.5 })),
    );
  });

  it('rotaryEmbedding is the rope op in both conventions, at s32 positions', async () => {
    const x = randomNormal([1, 4, 8], { seed: 13 });
    const positions = tensor([3, 4, 5, 6], { dtype: 's32' });
    for (const interleaved of [false, true]) {
      const model = rotaryEmbedding(input('x'), input('positions', { dtype: 's32' }), { headDim: 4, theta: 500, interleaved });
      const y = await run(model, { x, positions });
      expect(bits(y)).toEqual(bits(await reference('rope', { x, positions }, { headDim: 4, theta: 500, interleaved })));
    }
    const partial = await run(rotaryEmbedding(input('x'), input('p'), { headDim: 4, rotaryDim: 2 }), { x, p: positions });
    expect(bits(partial)).toEqual(bits(await reference('rope', { x, positions }, { headDim: 4, theta: 10000, interleaved: false, rotaryDim: 2 })));
  });

  it('transpose, slice and split are layout ops with negative axes', async () => {
    const x = randomNormal([2, 3, 4], { seed: 14 });
    expect(bits(await run(transpose(input('x'), [0, -1, 1]), x))).toEqual(bits(await reference('transpose', { x }, { permutation: [0, 2, 1] })));
    const last = await run(slice(input('x'), [-1], [1], { axes: [1] }), x);
    expect(last.shape).toEqual([2, 1, 4]);
    expect(bits(last)).toEqual(bits(await reference('slice', { x }, { begin: [0, 2, 0], size: [2, 1, 4] })));
    expect(bits(await run(slice(input('x'), [1, 0, 1], [-1, 2, 2]), x))).toEqual(bits(await reference('slice', { x }, { begin: [1, 0, 1], size: [1, 2, 2] })));
    const parts = split(input('x'), 2, { name: 'half' });
    expect(parts.map((part) => part.nodes[part.output]!.name)).toEqual(['half_0', 'half_1']);
    const halves = await Promise.all(parts.map((part) => run(part, x)));
    expect(bits(halves[1]!)).toEqual(bits(await reference('slice', { x }, { begin: [0, 0, 2], size: [2, 3, 2] })));
    const [first, rest] = split(input('x'), [1, 2], { axis: -2 });
    expect((await run(first!, x)).shape).toEqual([2, 1, 4]);
    expect(bits(await run(rest!, x))).toEqual(bits(await reference('slice', { x }, { begin: [0, 1, 0], size: [2, 2, 4] })));
    await expect(run(split(input('x'), 3)[0]!, x)).rejects.toThrow(/cannot split axis -1 of \[2, 3, 4\] \(4\) into 3 equal parts/);
  });
});

describe('transformer layers: shapes at init and option errors naming layer and option', () => {
  it('init infers shapes through the layers and refuses inputs that do not fit, naming the layer', () => {
    const q = input('q', { shape: [null, null, 8] });
    const model = attention(q, input('k'), input('v'), { heads: 4, kvHeads: 2, name: 'self' });
    expect(() => build(model).init({ q: template([1, 2, 8]), k: template([1, 3, 6]), v: template([1, 3, 6]) })).toThrow(InputError);
    expect(() => build(model).init({ q: template([1, 2, 8]), k: template([1, 3, 6]), v: template([1, 3, 6]) })).toThrow(/layer self \(op attention\): attention:/);
    const e = embedding(input('ids', { dtype: 's32' }), 5, 3);
    expect(build(e).init(template([4], 's32')).get('embedding_0', 'kernel')!.shape).toEqual([5, 3]);
  });

  it("input keeps a given dtype in its opts (and old models' input opts are unchanged); s32 values flow through init and predict", async () => {
    const ids = input('ids', { shape: [null, null], dtype: 's32' });
    expect(ids.nodes[ids.output]!.opts).toEqual({ shape: [null, null], dtype: 's32' });
    const plain = input('x', { shape: [null, 2] });
    expect(plain.nodes[plain.output]!.opts).toEqual({ shape: [null, 2] });
    const model = embedding(ids, 4, 2, { name: 'e' });
    const state = build(model).init({ ids: template([1, 3], 's32') });
    const y = await build(model).predict(state, { ids: tensor([[3, 0, 3]], { dtype: 's32' }) });
    const table = [...(state.get('e', 'kernel') as Tensor).data];
    expect([...y.data]).toEqual([...table.slice(6, 8), ...table.slice(0, 2), ...table.slice(6, 8)]);
    await expect(build(model).predict(state, { ids: tensor([[3, 0, 3]]) })).rejects.toThrow("input 'ids': expected dtype 's32' (token ids, positions and masks are integers: tensor(values, { dtype: 's32' })), got 'f32'");
  });

  it('builders refuse bad options with the layer and the option named', () => {
    const x = input('x');
    expect(() => attention(x, x, x, { heads: 0 })).toThrow(LayerOptionError);
    expect(() => attention(x, x, x, { heads: 4, kvHeads: 3, name: 'a' })).toThrow("attention 'a': expected option kvHeads to divide heads (4), got 3");
    expect(() => attention(x, x, x, { heads: 2, causal: 'yes' as never })).toThrow('attention: expected option causal to be a boolean, got "yes"');
    expect(() => rotaryEmbedding(x, x, { headDim: 8, rotaryDim: 3 })).toThrow('rotaryEmbedding: expected option rotaryDim to be even and at most headDim (8), got 3');
    expect(() => rotaryEmbedding(x, x, { headDim: 8, theta: 0 })).toThrow('rotaryEmbedding: expected option theta to be a finite number > 0, got 0');
    expect(() => rmsNorm(x, { name: 'norm', epsilon: -1 })).toThrow("rmsNorm 'norm': expected option epsilon to be a finite number > 0, got -1");
    expect(() => layerNorm(x, { bias: 1 as never })).toThrow('layerNorm: expected option bias to be a boolean, got 1');
    expect(() => embedding(x, 0, 4)).toThrow('embedding: expected option vocabSize to be a positive integer, got 0');
    expect(() => matMul(x, x, { transposeA: 'no' as never })).toThrow('matMul: expected option transposeA to be a boolean');
    expect(() => transpose(x, [0, 0])).toThrow('transpose: expected option permutation to name each of 2 axes once');
    expect(() => slice(x, [0], [1, 2])).toThrow('slice: expected begin and size to have one entry per axis');
    expect(() => split(x, [])).toThrow('split: expected splits to be a number of equal parts or a non-empty array of sizes');
    expect(() => input('ids', { dtype: 'int' as never })).toThrow("input 'ids': expected option dtype to be 'f32' or 's32', got \"int\"");
  });
});
