import { OP_NAMES, QTensor, Tensor, tensor, type HostOpInputs, type OpAttrs, type OpName } from '@qaxon/tensor';
import { integers, normal, scales, withValues } from './seeded.js';
import { attentionCases, ropeCases } from './transformer-cases.js';
import { dynamicQuantizedDenseCases } from './dynamic-quantized-dense-cases.js';
import { s4Cases } from './s4-cases.js';
import { denseActivationCases } from './dense-activation-cases.js';

/**
 * The inputs and attributes of one conformance case, as host tensors (made anew on every
 * call, so a backend that writes into its inputs cannot spoil later cases).
 *
 * @example
 * ```ts
 * import type { ConformanceCall } from '@qaxon/kernel-reference/conformance-runner';
 * import { tensor } from '@qaxon/tensor';
 * const call: ConformanceCall<'relu'> = { inputs: { x: tensor([-1, 2]) }, attrs: {} };
 * ```
 */
export interface ConformanceCall<O extends OpName = OpName> {
  /** Host tensors (and quantized weights) by input name. */
  readonly inputs: HostOpInputs<O>;
  /** The op's attributes. */
  readonly attrs: OpAttrs<O>;
}

/**
 * One conformance case: an op, a name for reports (`'dense: odd sizes 3x7 · 7x5 + bias'`),
 * and how to make its inputs. `expectError` marks a case whose kernel must throw (an index
 * out of range that only the data shows).
 *
 * @example
 * ```ts
 * import { CONFORMANCE_CASES, type ConformanceCase } from '@qaxon/kernel-reference/conformance-runner';
 * const reluCases: ConformanceCase[] = CONFORMANCE_CASES.filter((c) => c.op === 'relu');
 * ```
 */
export interface ConformanceCase<O extends OpName = OpName> {
  /** The op it runs. */
  readonly op: O;
  /** What the case is about, unique within its op. */
  readonly name: string;
  /** Makes the inputs and attributes (new tensors on every call). */
  build(): ConformanceCall<O>;
  /** True when the kernel must refuse the inputs by throwing. */
  readonly expectError?: boolean;
}

function define<O extends OpName>(op: O, name: string, build: () => ConformanceCall<O>, expectError = false): ConformanceCase {
  return Object.freeze({ op, name, build, ...(expectError ? { expectError } : {}) }) as unknown as ConformanceCase;
}

const SPECIAL_VALUES = [-Infinity, -100, -20, -3, -1, -0.5, -1e-30, -0, 0, 1e-30, 0.5, 1, 3, 20, 100, Infinity, Number.NaN];

function denseCases(): ConformanceCase[] {
  return [
    define('dense', '1x1 · 1x1', () => ({ inputs: { x: tensor([[2]]), kernel: tensor([[3]]) }, attrs: {} })),
    define('dense', 'odd sizes 3x7 · 7x5 + bias', () => ({ inputs: { x: normal([3, 7], 1), kernel: normal([7, 5], 2), bias: normal([5], 3) }, attrs: {} })),
    define('dense', 'rank 3 [2, 3, 17] · [17, 9] + bias', () => ({ inputs: { x: normal([2, 3, 17], 4), kernel: normal([17, 9], 5), bias: normal([9], 6) }, attrs: {} })),
    define('dense', 'rank 1 [33] · [33, 4]', () => ({ inputs: { x: normal([33], 7), kernel: normal([33, 4], 8) }, attrs: {} })),
    define('dense', 'long reduction 2x515 · 515x3 + bias', () => ({ inputs: { x: normal([2, 515], 9), kernel: normal([515, 3], 10, 0.1), bias: normal([3], 11) }, attrs: {} })),
    define('dense', 'K = 0: the result is the bias', () => ({ inputs: { x: normal([2, 0], 1), kernel: normal([0, 3], 1), bias: normal([3], 12) }, attrs: {} })),
    define('dense', 'empty batch [0, 4]', () => ({ inputs: { x: normal([0, 4], 1), kernel: normal([4, 3], 13) }, attrs: {} })),
    define('dense', 'NaN and ±Infinity in some rows of x', () => ({
      inputs: { x: withValues(normal([4, 6], 14), [[0, Number.NaN], [7, Infinity], [14, -Infinity]]), kernel: normal([6, 5], 15), bias: normal([5], 16) },
      attrs: {},
    })),
  ];
}

function quantizedKernel(inner: number, units: number, seed: number, withZeroPoints: boolean): QTensor {
  return new QTensor(integers([inner, units], seed, -128, 127, 's8'), scales(units, seed + 1), withZeroPoints ? integers([units], seed + 2, -20, 20, 's8') : undefined);
}

/**
 * A quantized weight `[rows, columns]` in any layout: scales (and zero points) along `axis`,
 * in groups of `groupSize` along the other axis, `bits` 8 or 4 (values in `[-8, 7]`).
 */
function laidOutWeight(rows: number, columns: number, seed: number, layout: { bits: 8 | 4; axis: 0 | 1; groupSize?: number; withZeroPoints: boolean }): QTensor {
  const { bits, axis, groupSize, withZeroPoints } = layout;
  const channels = axis === 1 ? columns : rows;
  const reduced = axis === 1 ? rows : columns;
  const scaleShape = groupSize === undefined ? [channels] : [reduced / groupSize, channels];
  const count = scaleShape.reduce((a, b) => a * b, 1);
  const [low, high] = bits === 8 ? [-128, 127] : [-8, 7];
  const scale = new Tensor(scales(count, seed + 1).data, scaleShape, 'f32');
  const zeroPoint = withZeroPoints ? integers(scaleShape, seed + 2, Math.max(low, -20), Math.min(high, 20), 's8') : undefined;
  return new QTensor(integers([rows, columns], seed, low, high, 's8'), scale, zeroPoint, { bits, axis, groupSize });
}

function quantizedDenseCases(): ConformanceCase[] {
  return [
    define('quantizedDense', 'symmetric odd sizes 3x7 · 7x5', () => ({ inputs: { x: normal([3, 7], 21), kernel: quantizedKernel(7, 5, 22, false) }, attrs: {} })),
    define('quantizedDense', 'zero points 3x9 · 9x6 + bias', () => ({ inputs: { x: normal([3, 9], 23), kernel: quantizedKernel(9, 6, 24, true), bias: normal([6], 25) }, attrs: {} })),
    define('quantizedDense', 'rank 3 [2, 2, 33] · [33, 7] with zero points', () => ({ inputs: { x: normal([2, 2, 33], 26), kernel: quantizedKernel(33, 7, 27, true) }, attrs: {} })),
    define('quantizedDense', 'long reduction 1x600 · 600x4 + bias', () => ({ inputs: { x: normal([1, 600], 28), kernel: quantizedKernel(600, 4, 29, false), bias: normal([4], 30) }, attrs: {} })),
    define('quantizedDense', 'extreme values -128 and 127', () => ({
      inputs: { x: tensor([[1, -1, 2]]), kernel: new QTensor(tensor([[127, -128], [-128, 127], [127, 127]], { dtype: 's8' }), tensor([0.5, 0.25])) },
      attrs: {},
    })),
    define('quantizedDense', 'NaN and ±Infinity in some rows of x', () => ({
      inputs: { x: withValues(normal([3, 8], 31), [[1, Number.NaN], [9, Infinity], [20, -Infinity]]), kernel: quantizedKernel(8, 3, 32, true) },
      attrs: {},
    })),
    define('quantizedDense', 'group-wise, groups of 4: 3x12 · 12x5 + bias', () => ({
      inputs: { x: normal([3, 12], 33), kernel: laidOutWeight(12, 5, 34, { bits: 8, axis: 1, groupSize: 4, withZeroPoints: false }), bias: normal([5], 35) },
      attrs: {},
    })),
    define('quantizedDense', 'group-wise with zero points, groups of 32: rank 3 [2, 2, 96] · 96x7', () => ({
      inputs: { x: normal([2, 2, 96], 36), kernel: laidOutWeight(96, 7, 37, { bits: 8, axis: 1, groupSize: 32, withZeroPoints: true }) },
      attrs: {},
    })),
    define('quantizedDense', 'group-wise 4-bit with zero points, groups of 8: 2x16 · 16x3 + bias', () => ({
      inputs: { x: normal([2, 16], 38), kernel: laidOutWeight(16, 3, 39, { bits: 4, axis: 1, groupSize: 8, withZeroPoints: true }), bias: normal([3], 40) },
      attrs: {},
    })),
    define('quantizedDense', 'per-channel 4-bit values in [-8, 7]: 3x9 · 9x4', () => ({
      inputs: { x: normal([3, 9], 41), kernel: laidOutWeight(9, 4, 42, { bits: 4, axis: 1, withZeroPoints: false }) },
      attrs: {},
    })),
  ];
}

function matMulCases(): ConformanceCase[] {
  return [
    define('matMul', '2x3 · 3x4', () => ({ inputs: { a: normal([2, 3], 41), b: normal([3, 4], 42) }, attrs: {} })),
    define('matMul', 'batched [2, 3, 5] · [2, 5, 7]', () => ({ inputs: { a: normal([2, 3, 5], 43), b: normal([2, 5, 7], 44) }, attrs: {} })),
    define('matMul', 'broadcast batch [2, 1, 3, 4] · [3, 4, 5]', () => ({ inputs: { a: normal([2, 1, 3, 4], 45), b: normal([3, 4, 5], 46) }, attrs: {} })),
    define('matMul', 'transposeA [3, 5]ᵀ · [3, 2]', () => ({ inputs: { a: normal([3, 5], 47), b: normal([3, 2], 48) }, attrs: { transposeA: true } })),
    define('matMul', 'transposeB [2, 4, 6] · [3, 6]ᵀ', () => ({ inputs: { a: normal([2, 4, 6], 49), b: normal([3, 6], 50) }, attrs: { transposeB: true } })),
    define('matMul', 'both transposed [7, 3]ᵀ · [5, 7]ᵀ', () => ({ inputs: { a: normal([7, 3], 51), b: normal([5, 7], 52) }, attrs: { transposeA: true, transposeB: true } })),
    define('matMul', 'long reduction 3x301 · 301x2', () => ({ inputs: { a: normal([3, 301], 53), b: normal([301, 2], 54) }, attrs: {} })),
  ];
}

function binaryCases(): ConformanceCase[] {
  const ops = ['add', 'subtract', 'multiply', 'divide'] as const;
  return ops.flatMap((op, i) => [
    define(op, 'same shape [3, 5]', () => ({ inputs: { a: normal([3, 5], 60 + i), b: normal([3, 5], 70 + i) }, attrs: {} })),
    define(op, 'broadcast [2, 1, 3] with [4, 1]', () => ({ inputs: { a: normal([2, 1, 3], 80 + i), b: normal([4, 1], 90 + i) }, attrs: {} })),
    define(op, 'broadcast a [1] (scalar-like) with [2, 3]', () => ({ inputs: { a: normal([1], 100 + i), b: normal([2, 3], 110 + i) }, attrs: {} })),
    define(op, 'rank 0 with [5]', () => ({ inputs: { a: normal([5], 120 + i), b: tensor(1.5) }, attrs: {} })),
    define(op, 'non-finite values and zeros', () => ({
      inputs: { a: tensor([Number.NaN, Infinity, -Infinity, 0, 1, -1, Infinity, 0]), b: tensor([1, 2, Infinity, 0, 0, -0, -Infinity, Number.NaN]) },
      attrs: {},
    })),
  ]);
}

function unaryCases(): ConformanceCase[] {
  const ops = ['relu', 'sigmoid', 'tanh', 'gelu', 'geluTanh', 'silu', 'exp'] as const;
  const cases = ops.flatMap((op, i) => [
    define(op, 'seeded normal [3, 7]', () => ({ inputs: { x: normal([3, 7], 130 + i, 3) }, attrs: {} })),
    define(op, 'rank 0', () => ({ inputs: { x: tensor(0.75) }, attrs: {} })),
    define(op, 'special values (±0, tiny, large, ±Infinity, NaN)', () => ({ inputs: { x: tensor(SPECIAL_VALUES) }, attrs: {} })),
  ]);
  cases.push(
    define('leakyRelu', 'alpha 0.01, seeded normal [4, 5]', () => ({ inputs: { x: normal([4, 5], 140, 3) }, attrs: { alpha: 0.01 } })),
    define('leakyRelu', 'alpha 0.2, special values', () => ({ inputs: { x: tensor(SPECIAL_VALUES) }, attrs: { alpha: 0.2 } })),
    define('leakyRelu', 'alpha -1.5 (negative)', () => ({ inputs: { x: normal([7], 141) }, attrs: { alpha: -1.5 } })),
  );
  return cases;
}

function softmaxCases(): ConformanceCase[] {
  return (['softmax', 'logSoftmax'] as const).flatMap((op, i) => [
    define(op, 'last axis [3, 7]', () => ({ inputs: { x: normal([3, 7], 150 + i, 2) }, attrs: { axis: -1 } })),
    define(op, 'axis 0 of [5, 3]', () => ({ inputs: { x: normal([5, 3], 152 + i, 2) }, attrs: { axis: 0 } })),
    define(op, 'axis -2 of [2, 4, 3]', () => ({ inputs: { x: normal([2, 4, 3], 154 + i, 2) }, attrs: { axis: -2 } })),
    define(op, 'large values (stability) [2, 5] × 1000', () => ({ inputs: { x: normal([2, 5], 156 + i, 1000) }, attrs: { axis: 1 } })),
    define(op, 'rank 1 [1]', () => ({ inputs: { x: tensor([3]) }, attrs: { axis: 0 } })),
    define(op, 'masked entries (-Infinity) and a NaN line', () => ({
      inputs: { x: tensor([[0, -Infinity, 1, -Infinity], [Number.NaN, 1, 2, 3], [-Infinity, 5, -Infinity, -Infinity]]) },
      attrs: { axis: 1 },
    })),
  ]);
}

function normCases(): ConformanceCase[] {
  return [
    define('layerNorm', '[3, 8] with gamma and beta', () => ({ inputs: { x: normal([3, 8], 160, 2), gamma: normal([8], 161), beta: normal([8], 162) }, attrs: { eps: 1e-5 } })),
    define('layerNorm', 'rank 3 [2, 3, 7], no gamma or beta', () => ({ inputs: { x: normal([2, 3, 7], 163, 5) }, attrs: { eps: 1e-5 } })),
    define('layerNorm', 'constant rows and eps 1e-3', () => ({ inputs: { x: tensor([[2, 2, 2], [0, 0, 0]]), gamma: tensor([1, 2, 3]) }, attrs: { eps: 1e-3 } })),
    define('layerNorm', 'NaN in one row, width 1', () => ({ inputs: { x: tensor([[Number.NaN], [4]]) }, attrs: { eps: 1e-5 } })),
    define('rmsNorm', '[3, 8] with gamma', () => ({ inputs: { x: normal([3, 8], 164, 2), gamma: normal([8], 165) }, attrs: { eps: 1e-6 } })),
    define('rmsNorm', 'rank 3 [2, 2, 5], no gamma', () => ({ inputs: { x: normal([2, 2, 5], 166, 5) }, attrs: { eps: 1e-6 } })),
    define('rmsNorm', 'a zero row and an Infinity', () => ({ inputs: { x: tensor([[0, 0, 0], [1, Infinity, 2]]) }, attrs: { eps: 1e-5 } })),
  ];
}

function gatherCases(): ConformanceCase[] {
  return [
    define('gather', 'f32 table [10, 4], indices [2, 3]', () => ({ inputs: { table: normal([10, 4], 170), indices: integers([2, 3], 171, 0, 9, 's32') }, attrs: {} })),
    define('gather', 'rank 1 table [7], indices [5]', () => ({ inputs: { table: normal([7], 172), indices: tensor([6, 0, 3, 3, 1], { dtype: 's32' }) }, attrs: {} })),
    define('gather', 'rank 3 table [5, 2, 3], rank 0 index', () => ({ inputs: { table: normal([5, 2, 3], 173), indices: tensor(4, { dtype: 's32' }) }, attrs: {} })),
    define('gather', 'quantized table [6, 5] with zero points', () => ({ inputs: { table: quantizedKernel(6, 5, 174, true), indices: tensor([5, 0, 2], { dtype: 's32' }) }, attrs: {} })),
    define('gather', 'per-row quantized table [7, 5] (axis 0), indices [2, 2]', () => ({
      inputs: { table: laidOutWeight(7, 5, 177, { bits: 8, axis: 0, withZeroPoints: false }), indices: tensor([[6, 0], [3, 6]], { dtype: 's32' }) },
      attrs: {},
    })),
    define('gather', 'per-row 4-bit table in groups of 3 [5, 6] with zero points', () => ({
      inputs: { table: laidOutWeight(5, 6, 178, { bits: 4, axis: 0, groupSize: 3, withZeroPoints: true }), indices: tensor([4, 1, 1, 0], { dtype: 's32' }) },
      attrs: {},
    })),
    define('gather', 'group-wise quantized table [8, 3] (axis 1, groups of 4)', () => ({
      inputs: { table: laidOutWeight(8, 3, 179, { bits: 8, axis: 1, groupSize: 4, withZeroPoints: true }), indices: tensor([7, 2, 5], { dtype: 's32' }) },
      attrs: {},
    })),
    define('gather', 'non-finite table rows', () => ({ inputs: { table: tensor([[Number.NaN, 1], [Infinity, -Infinity]]), indices: tensor([1, 0], { dtype: 's32' }) }, attrs: {} })),
    define('gather', 'an index out of range is an error', () => ({ inputs: { table: normal([3, 2], 175), indices: tensor([0, 3], { dtype: 's32' }) }, attrs: {} }), true),
    define('gather', 'a negative index is an error', () => ({ inputs: { table: normal([3, 2], 176), indices: tensor([-1], { dtype: 's32' }) }, attrs: {} }), true),
  ];
}

function layoutCases(): ConformanceCase[] {
  const x = (seed: number, shape: number[]): Tensor<'f32'> => normal(shape, seed);
  return [
    define('reshape', '[2, 3, 4] to [-1, 4]', () => ({ inputs: { x: x(180, [2, 3, 4]) }, attrs: { shape: [-1, 4] } })),
    define('reshape', '[6] to [3, 1, 2]', () => ({ inputs: { x: x(181, [6]) }, attrs: { shape: [3, 1, 2] } })),
    define('reshape', 's32 [2, 2] to [4]', () => ({ inputs: { x: integers([2, 2], 182, -5, 5, 's32') }, attrs: { shape: [4] } })),
    define('transpose', '[2, 3, 4] by [2, 0, 1]', () => ({ inputs: { x: x(183, [2, 3, 4]) }, attrs: { permutation: [2, 0, 1] } })),
    define('transpose', '[5, 3] by [-1, 0]', () => ({ inputs: { x: x(184, [5, 3]) }, attrs: { permutation: [-1, 0] } })),
    define('transpose', 'identity on [3, 1, 2]', () => ({ inputs: { x: x(185, [3, 1, 2]) }, attrs: { permutation: [0, 1, 2] } })),
    define('concatenate', 'two on axis 0', () => ({ inputs: { xs: [x(186, [2, 3]), x(187, [1, 3])] }, attrs: { axis: 0 } })),
    define('concatenate', 'three odd widths on axis -1', () => ({ inputs: { xs: [x(188, [2, 3]), x(189, [2, 1]), x(190, [2, 5])] }, attrs: { axis: -1 } })),
    define('concatenate', 'rank 3 on axis 1, with NaN', () => ({ inputs: { xs: [withValues(x(191, [2, 2, 3]), [[0, Number.NaN]]), x(192, [2, 1, 3])] }, attrs: { axis: 1 } })),
    define('slice', 'explicit begin and size on [4, 6]', () => ({ inputs: { x: x(193, [4, 6]) }, attrs: { begin: [1, 2], size: [2, 3] } })),
    define('slice', 'size -1 (to the end) and a negative begin', () => ({ inputs: { x: x(194, [3, 5, 2]) }, attrs: { begin: [-2, 1, 0], size: [-1, -1, 1] } })),
    define('slice', 'an empty slice', () => ({ inputs: { x: x(195, [3, 4]) }, attrs: { begin: [1, 0], size: [0, 4] } })),
  ];
}

/**
 * Every conformance case, in {@link OP_NAMES} order: seeded random inputs with odd sizes,
 * broadcasting, negative axes, zero points, non-finite inputs where meaningful, and cases
 * whose kernel must throw. `runConformanceCase` runs one against a backend.
 *
 * @example
 * ```ts
 * import { CONFORMANCE_CASES } from '@qaxon/kernel-reference/conformance-runner';
 * console.log(CONFORMANCE_CASES.filter((c) => c.op === 'softmax').map((c) => c.name));
 * ```
 */
export const CONFORMANCE_CASES: readonly ConformanceCase[] = Object.freeze(
  [...denseCases(), ...quantizedDenseCases(), ...matMulCases(), ...binaryCases(), ...unaryCases(), ...softmaxCases(), ...normCases(), ...gatherCases(), ...layoutCases(), ...attentionCases(), ...ropeCases(), ...dynamicQuantizedDenseCases(), ...s4Cases(), ...denseActivationCases()].sort(
    (a, b) => OP_NAMES.indexOf(a.op) - OP_NAMES.indexOf(b.op),
  ),
);
