import { describe, expect, it } from 'vitest';
import { DTypeError, ShapeError, ValueError } from '../../errors.js';
import { ones, zeros } from '../../create.js';
import { QTensor } from '../../qtensor.js';
import { HostHandle } from '../host-handle.js';
import { OP_NAMES } from '../op-table.js';
import { inferOpOutput } from '../infer-op-output.js';
import { matMulDimensions } from './matmul.js';
import { softmaxAxis } from './softmax.js';
import { reshapeShape, sliceBounds, transposePermutation } from './layout.js';

const f32 = (shape: number[]) => ones(shape);
const s32 = (shape: number[]) => zeros(shape, 's32');

describe('inferOpOutput: every op has a rule', () => {
  it('answers for each name of OP_NAMES and refuses unknown names', () => {
    for (const op of OP_NAMES) expect(() => inferOpOutput(op, {} as never, {} as never)).toThrow();
    expect(() => inferOpOutput('conv' as never, {} as never, {} as never)).toThrow(/unknown op 'conv'|unknown op "conv"/);
    expect(() => inferOpOutput('toString' as never, {} as never, {} as never)).toThrow(ValueError);
  });
});

describe('matMul', () => {
  it('broadcasts batch axes and applies the transposes', () => {
    expect(matMulDimensions({ a: f32([2, 3, 4]), b: f32([4, 5]) }).outputShape).toEqual([2, 3, 5]);
    expect(matMulDimensions({ a: f32([2, 1, 4, 3]), b: f32([7, 5, 4]) }, { transposeA: true, transposeB: true })).toEqual({
      batchShape: [2, 7],
      m: 3,
      k: 4,
      n: 5,
      outputShape: [2, 7, 3, 5],
    });
  });
  it('names the op, the inputs and the sizes when they do not fit', () => {
    expect(() => inferOpOutput('matMul', { a: f32([3, 4]), b: f32([5, 6]) }, {})).toThrow(new ShapeError('matMul: a [3, 4] has 4 columns but b [5, 6] has 5 rows (the inner sizes must agree)'));
    expect(() => inferOpOutput('matMul', { a: f32([4]), b: f32([4, 6]) }, {})).toThrow(/matMul: expected a to have rank >= 2/);
    expect(() => inferOpOutput('matMul', { a: f32([2, 3, 4]), b: f32([3, 4, 5]) }, {})).toThrow(ShapeError);
    expect(() => inferOpOutput('matMul', { a: zeros([3, 4], 's8'), b: f32([4, 5]) }, {})).toThrow(DTypeError);
    expect(() => inferOpOutput('matMul', { a: f32([3, 4]), b: f32([4, 5]) }, { transposeA: 1 as never })).toThrow(ValueError);
  });
});

describe('binary elementwise', () => {
  it('broadcasts as NumPy does', () => {
    expect(inferOpOutput('add', { a: f32([2, 1, 3]), b: f32([4, 1]) }, {}).shape).toEqual([2, 4, 3]);
    expect(inferOpOutput('divide', { a: f32([]), b: f32([3]) }, {}).shape).toEqual([3]);
  });
  it('refuses shapes that do not broadcast, and non-f32 operands', () => {
    expect(() => inferOpOutput('multiply', { a: f32([2, 3]), b: f32([4]) }, {})).toThrow(/multiply \(a, b\): shapes \[2, 3\] and \[4\] do not broadcast/);
    expect(() => inferOpOutput('subtract', { a: f32([2]), b: s32([2]) }, {})).toThrow(new DTypeError("subtract: expected b to have dtype 'f32', got 's32' (shape [2])"));
  });
});

describe('unary', () => {
  it('keeps the shape; leakyRelu needs a finite alpha', () => {
    expect(inferOpOutput('gelu', { x: f32([2, 3]) }, {}).shape).toEqual([2, 3]);
    expect(inferOpOutput('leakyRelu', { x: f32([2]) }, { alpha: 0.2 }).shape).toEqual([2]);
    expect(() => inferOpOutput('leakyRelu', { x: f32([2]) }, { alpha: Number.NaN })).toThrow(/leakyRelu: expected attribute 'alpha' to be a finite number, got NaN/);
    expect(() => inferOpOutput('relu', { x: new HostHandle('test', QTensor.fromTensor(f32([2, 2]))) }, {})).toThrow(/relu: expected x to be a plain 'f32' tensor, got a quantized weight/);
  });
});

describe('softmax / logSoftmax', () => {
  it('takes negative axes and refuses axes out of range', () => {
    expect(softmaxAxis('softmax', [2, 3], -1)).toBe(1);
    expect(inferOpOutput('logSoftmax', { x: f32([2, 3]) }, { axis: 0 }).shape).toEqual([2, 3]);
    expect(() => inferOpOutput('softmax', { x: f32([2, 3]) }, { axis: 2 })).toThrow(new ShapeError('softmax: expected axis in [-2, 1] for x of rank 2, got 2'));
    expect(() => inferOpOutput('softmax', { x: f32([]) }, { axis: 0 })).toThrow(/rank >= 1/);
  });
});

describe('layerNorm / rmsNorm', () => {
  it('checks gamma and beta against the last axis, and eps', () => {
    expect(inferOpOutput('layerNorm', { x: f32([2, 4]), gamma: f32([4]), beta: f32([4]) }, { eps: 1e-5 }).shape).toEqual([2, 4]);
    expect(inferOpOutput('rmsNorm', { x: f32([4]) }, { eps: 1e-6 }).shape).toEqual([4]);
    expect(() => inferOpOutput('layerNorm', { x: f32([2, 4]), beta: f32([3]) }, { eps: 1e-5 })).toThrow(/layerNorm: expected beta of shape \[4\]/);
    expect(() => inferOpOutput('rmsNorm', { x: f32([2, 4]), gamma: f32([2, 4]) }, { eps: 1e-5 })).toThrow(ShapeError);
    expect(() => inferOpOutput('rmsNorm', { x: f32([2, 4]) }, { eps: 0 })).toThrow(/rmsNorm: expected attribute 'eps' to be a positive finite number, got 0/);
  });
});

describe('gather', () => {
  it('gives [...indices, ...table.shape.slice(1)] for f32 and quantized tables', () => {
    expect(inferOpOutput('gather', { table: f32([10, 4]), indices: s32([2, 3]) }, {}).shape).toEqual([2, 3, 4]);
    expect(inferOpOutput('gather', { table: f32([10]), indices: s32([5]) }, {}).shape).toEqual([5]);
    expect(inferOpOutput('gather', { table: new HostHandle('test', QTensor.fromTensor(f32([10, 4]))), indices: s32([3]) }, {})).toEqual({ shape: [3, 4], dtype: 'f32' });
  });
  it('refuses float indices and a rank-0 table', () => {
    expect(() => inferOpOutput('gather', { table: f32([10, 4]), indices: f32([2]) }, {})).toThrow(new DTypeError("gather: expected indices to have dtype 's32', got 'f32' (shape [2])"));
    expect(() => inferOpOutput('gather', { table: f32([]), indices: s32([2]) }, {})).toThrow(ShapeError);
  });
});

describe('layout ops', () => {
  it('reshape resolves one -1', () => {
    expect(reshapeShape([2, 3, 4], [-1, 4])).toEqual([6, 4]);
    expect(inferOpOutput('reshape', { x: zeros([2, 3], 's8') }, { shape: [3, -1] })).toEqual({ shape: [3, 2], dtype: 's8' });
    expect(() => inferOpOutput('reshape', { x: f32([2, 3]) }, { shape: [-1, -1] })).toThrow(/at most one -1/);
    expect(() => inferOpOutput('reshape', { x: f32([2, 3]) }, { shape: [4] })).toThrow(/cannot reshape x \[2, 3\] \(6 elements\) into \[4\]/);
  });
  it('transpose takes a permutation, negative axes allowed', () => {
    expect(transposePermutation([2, 3, 4], [0, -1, 1])).toEqual([0, 2, 1]);
    expect(inferOpOutput('transpose', { x: f32([2, 3, 4]) }, { permutation: [2, 0, 1] }).shape).toEqual([4, 2, 3]);
    expect(() => inferOpOutput('transpose', { x: f32([2, 3]) }, { permutation: [0, 0] })).toThrow(/each axis once/);
    expect(() => inferOpOutput('transpose', { x: f32([2, 3]) }, { permutation: [0] })).toThrow(/permutation of 2 axes/);
  });
  it('concatenate sums the axis and checks the rest', () => {
    expect(inferOpOutput('concatenate', { xs: [f32([2, 3]), f32([2, 1])] }, { axis: -1 }).shape).toEqual([2, 4]);
    expect(() => inferOpOutput('concatenate', { xs: [f32([2, 3]), f32([3, 1])] }, { axis: 1 })).toThrow(/xs\[1\] to match xs\[0\] \[2, 3\] on every axis but 1/);
    expect(() => inferOpOutput('concatenate', { xs: [f32([2]), s32([2])] }, { axis: 0 })).toThrow(DTypeError);
    expect(() => inferOpOutput('concatenate', { xs: [] }, { axis: 0 })).toThrow(ValueError);
  });
  it('slice resolves -1 sizes and negative begins', () => {
    expect(sliceBounds([4, 6], [1, -2], [2, -1])).toEqual({ begin: [1, 4], size: [2, 2] });
    expect(inferOpOutput('slice', { x: f32([4, 6]) }, { begin: [0, 0], size: [-1, 0] }).shape).toEqual([4, 0]);
    expect(() => inferOpOutput('slice', { x: f32([4, 6]) }, { begin: [3, 0], size: [2, 1] })).toThrow(/slice: axis 0 of x \[4, 6\] has 4 entries; begin 3 with size 2 does not fit/);
    expect(() => inferOpOutput('slice', { x: f32([4, 6]) }, { begin: [0], size: [1] })).toThrow(ShapeError);
  });
});
