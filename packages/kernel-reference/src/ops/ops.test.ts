import { QTensor, ValueError, randomNormal, tensor, type Tensor } from '@qaxon/tensor';
import { describe, expect, it } from 'vitest';
import { call } from '../test-support/call.js';
import { erf } from '@qaxon/tensor';
import { sigmoidOf } from './unary.js';

const s32 = (values: number[] | number[][]): Tensor<'s32'> => tensor(values, { dtype: 's32' });
const f32 = (values: number[]): number[] => Array.from(new Float32Array(values));

describe('matMul', () => {
  it('multiplies batched matrices with broadcast batch axes, rounding the float64 sum once', () => {
    const a = tensor([[[1, 2], [3, 4]], [[0, 1], [1, 0]]]); // [2, 2, 2]
    const b = tensor([[1, 0, 2], [0, 1, 3]]); // [2, 3], broadcast over the batch
    expect(call('matMul', { a, b }, {}).toArray()).toEqual([[[1, 2, 8], [3, 4, 18]], [[0, 1, 3], [1, 0, 2]]]);
  });
  it('applies transposeA and transposeB', () => {
    const a = randomNormal([3, 2, 4], { seed: 3 });
    const b = randomNormal([5, 4], { seed: 4 });
    const plain = call('matMul', { a, b: call('transpose', { x: b }, { permutation: [1, 0] }) }, {});
    const viaFlag = call('matMul', { a: call('transpose', { x: a }, { permutation: [0, 2, 1] }), b }, { transposeA: true, transposeB: true });
    expect(viaFlag.shape).toEqual([3, 2, 5]);
    expect([...viaFlag.data]).toEqual([...plain.data]);
  });
});

describe('binary ops', () => {
  it('broadcast and compute in float32', () => {
    expect(call('add', { a: tensor([[1], [2]]), b: tensor([10, 20, 30]) }).toArray()).toEqual([[11, 21, 31], [12, 22, 32]]);
    expect(call('divide', { a: tensor([1, -1, 0]), b: tensor([0]) }).toArray()).toEqual([Infinity, -Infinity, NaN]);
    expect(call('subtract', { a: tensor([3]), b: tensor([1, 2]) }).toArray()).toEqual([2, 1]);
    expect(call('multiply', { a: tensor([0.1]), b: tensor([3]) }).data[0]).toBe(Math.fround(Math.fround(0.1) * 3));
  });
});

describe('unary ops compute the graph formulas, rounded once', () => {
  const values = [-3, -0.5, -0, 0, 0.25, 2, Number.NaN, Infinity, -Infinity];
  const x = tensor(values);
  it('relu keeps NaN, leakyRelu scales negatives by alpha', () => {
    expect(Array.from(call('relu', { x }).data)).toEqual([0, 0, 0, 0, 0.25, 2, NaN, Infinity, 0]);
    expect(Array.from(call('leakyRelu', { x }, { alpha: 0.1 }).data)).toEqual(f32(values.map((v) => (v > 0 ? v : 0.1 * v))));
  });
  it('sigmoid, silu, tanh, exp, gelu, geluTanh', () => {
    expect(Array.from(call('sigmoid', { x }).data)).toEqual(f32(values.map(sigmoidOf)));
    expect(Array.from(call('silu', { x }).data)).toEqual(f32(values.map((v) => v * sigmoidOf(v))));
    expect(Array.from(call('tanh', { x }).data)).toEqual(f32(values.map(Math.tanh)));
    expect(Array.from(call('exp', { x }).data)).toEqual(f32(values.map(Math.exp)));
    expect(Array.from(call('gelu', { x }).data)).toEqual(f32(values.map((v) => 0.5 * v * (1 + erf(v * Math.SQRT1_2)))));
    const geluTanh = call('geluTanh', { x: tensor([1]) }).data[0]!;
    expect(geluTanh).toBeCloseTo(0.8411920, 6);
  });
});

describe('softmax and logSoftmax', () => {
  it('normalize along the axis, negative or not', () => {
    const x = tensor([[1, 2], [3, 5]]);
    const byColumn = call('softmax', { x }, { axis: 0 });
    const e = (v: number) => Math.exp(v);
    expect(Array.from(byColumn.data)).toEqual(f32([e(-2) / (1 + e(-2)), e(-3) / (1 + e(-3)), 1 / (1 + e(-2)), 1 / (1 + e(-3))]));
    const last = call('softmax', { x }, { axis: -1 });
    expect(Array.from(last.data)).toEqual(f32([e(-1) / (1 + e(-1)), 1 / (1 + e(-1)), e(-2) / (1 + e(-2)), 1 / (1 + e(-2))]));
    const log = call('logSoftmax', { x }, { axis: 1 });
    expect(log.data[1]).toBe(Math.fround(0 - Math.log(1 + e(-1))));
  });
  it('propagates NaN within its line only', () => {
    const y = call('softmax', { x: tensor([[NaN, 1], [0, 0]]) }, { axis: 1 });
    expect(Array.from(y.data)).toEqual([NaN, NaN, 0.5, 0.5]);
  });
});

describe('layerNorm and rmsNorm', () => {
  it('layerNorm follows the graph layer: two-pass float64 mean and variance', () => {
    const y = call('layerNorm', { x: tensor([[1, 3]]), gamma: tensor([2, 1]), beta: tensor([0, 1]) }, { eps: 1e-5 });
    const inverse = 1 / Math.sqrt(1 + 1e-5);
    expect(Array.from(y.data)).toEqual(f32([-1 * inverse * 2 + 0, 1 * inverse * 1 + 1]));
    expect(Array.from(call('layerNorm', { x: tensor([[1, 3]]) }, { eps: 1e-5 }).data)).toEqual(f32([-inverse, inverse]));
  });
  it('rmsNorm divides by the root mean square', () => {
    const y = call('rmsNorm', { x: tensor([3, 4]), gamma: tensor([1, 2]) }, { eps: 1e-6 });
    const inverse = 1 / Math.sqrt(12.5 + 1e-6);
    expect(Array.from(y.data)).toEqual(f32([3 * inverse, 4 * inverse * 2]));
  });
});

describe('gather', () => {
  it('picks rows of an f32 table and of a quantized one (dequantized)', () => {
    const table = tensor([[1, 2], [3, 4], [5, 6]]);
    expect(call('gather', { table, indices: s32([[2, 0]]) }).toArray()).toEqual([[[5, 6], [1, 2]]]);
    const q = QTensor.fromTensor(table);
    const rows = call('gather', { table: q, indices: s32([1]) });
    expect(rows.toArray()).toEqual([Array.from(q.dequantize().data.subarray(2, 4))]);
  });
  it('dequantizes per-row (axis 0) and grouped tables as QTensor.dequantize does', () => {
    const table = randomNormal([6, 8], { seed: 11 });
    for (const options of [{ axis: 0 }, { axis: 0, groupSize: 4, bits: 4 as const }, { axis: 1, groupSize: 3 }]) {
      const q = QTensor.fromTensor(table, options);
      const whole = q.dequantize().data;
      const rows = call('gather', { table: q, indices: s32([5, 0, 3]) });
      expect([...rows.data]).toEqual([...whole.subarray(40, 48), ...whole.subarray(0, 8), ...whole.subarray(24, 32)]);
    }
  });
  it('refuses an out-of-range index, naming it', () => {
    expect(() => call('gather', { table: tensor([[1], [2]]), indices: s32([0, 2]) })).toThrow(
      new ValueError('gather: expected every index in [0, 2) for the table [2, 1], got 2 at flat position 1 of indices [2]'),
    );
    expect(() => call('gather', { table: tensor([[1], [2]]), indices: s32([-1]) })).toThrow(ValueError);
  });
});

describe('layout ops', () => {
  const x = tensor([[1, 2, 3], [4, 5, 6]]);
  it('reshape, transpose, concatenate, slice', () => {
    expect(call('reshape', { x }, { shape: [3, -1] }).toArray()).toEqual([[1, 2], [3, 4], [5, 6]]);
    expect(call('transpose', { x }, { permutation: [1, 0] }).toArray()).toEqual([[1, 4], [2, 5], [3, 6]]);
    expect(call('concatenate', { xs: [x, tensor([[7], [8]])] }, { axis: -1 }).toArray()).toEqual([[1, 2, 3, 7], [4, 5, 6, 8]]);
    expect(call('slice', { x }, { begin: [1, -2], size: [-1, -1] }).toArray()).toEqual([[5, 6]]);
  });
  it('work on s32 and s8 tensors too', () => {
    expect(call('reshape', { x: s32([1, 2]) }, { shape: [2, 1] }).dtype).toBe('s32');
  });
});

describe('quantizedDense with quantized layouts', () => {
  it('group-wise: each group summed and scaled, close to the dense op on the dequantized kernel', () => {
    const x = randomNormal([3, 64], { seed: 12 });
    const w = randomNormal([64, 5], { seed: 13 });
    const q = QTensor.fromTensor(w, { groupSize: 16 });
    const y = call('quantizedDense', { x, kernel: q });
    const reference = call('dense', { x, kernel: q.dequantize() });
    for (let i = 0; i < y.size; i++) expect(Math.abs(y.data[i]! - reference.data[i]!)).toBeLessThan(1e-4);
    // At 4 bits, groups of 8 quantize w more closely than one scale per column.
    const exact = call('dense', { x, kernel: w });
    const error = (t: Tensor): number => Array.from(t.data as Float32Array).reduce((sum, v, i) => sum + Math.abs(v - exact.data[i]!), 0);
    const grouped4 = call('quantizedDense', { x, kernel: QTensor.fromTensor(w, { groupSize: 8, bits: 4 }) });
    const perChannel4 = call('quantizedDense', { x, kernel: QTensor.fromTensor(w, { bits: 4 }) });
    expect(error(grouped4)).toBeLessThan(error(perChannel4));
  });
  it('with one group (groupSize = in) gives the per-channel result bit for bit', () => {
    const x = randomNormal([4, 24], { seed: 14 });
    const w = randomNormal([24, 6], { seed: 15 });
    const bias = randomNormal([6], { seed: 16 });
    const perChannel = call('quantizedDense', { x, kernel: QTensor.fromTensor(w), bias });
    const oneGroup = call('quantizedDense', { x, kernel: QTensor.fromTensor(w, { groupSize: 24 }), bias });
    expect([...oneGroup.data]).toEqual([...perChannel.data]);
  });
});
