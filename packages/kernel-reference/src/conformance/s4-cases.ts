import { QTensor, Tensor, tensor, type OpName } from '@qaxon/tensor';
import type { ConformanceCall, ConformanceCase } from './cases.js';
import { integers, normal, scales, withValues } from './seeded.js';

function define<O extends OpName>(op: O, name: string, build: () => ConformanceCall<O>): ConformanceCase {
  return Object.freeze({ op, name, build }) as unknown as ConformanceCase;
}

/**
 * An s4 kernel `[inner, units]` (packed two per byte along `inner`): values in `[-8, 7]`,
 * one scale per output unit or per group of `groupSize` inputs (the last group shorter
 * when `groupSize` does not divide `inner`), zero points in `[-8, 7]` when asked.
 */
function s4Kernel(inner: number, units: number, seed: number, options: { groupSize?: number; zeroPoints?: boolean; axis?: 0 | 1 } = {}): QTensor {
  const { groupSize, zeroPoints = false, axis = 1 } = options;
  const channels = axis === 1 ? units : inner;
  const reduced = axis === 1 ? inner : units;
  const scaleShape = groupSize === undefined ? [channels] : [Math.ceil(reduced / groupSize), channels];
  const count = scaleShape.reduce((a, b) => a * b, 1);
  const scale = new Tensor(scales(count, seed + 1).data, scaleShape, 'f32');
  const zeroPoint = zeroPoints ? integers(scaleShape, seed + 2, -8, 7, 's8') : undefined;
  return new QTensor(integers([inner, units], seed, -8, 7, 's8'), scale, zeroPoint, { bits: 4, axis, groupSize });
}

/**
 * Conformance cases of s4 weights (4-bit values packed two per byte along `in`, see
 * `packInt4` in `@qaxon/tensor`) for `quantizedDense` and `gather`: odd `in` (a half-filled
 * last byte row), `in` not a multiple of the group size (a shorter last group), odd unit
 * counts, one row and several rows, zero points, the extremes -8 and 7, NaN/±Infinity in
 * `x`, and weights from `QTensor.fromTensor({ type: 's4' })`. Every name starts with
 * `s4`. A backend without s4 kernels refuses them with `KernelUnsupportedError` (the case
 * is then skipped, and the executor falls back to the reference kernel).
 *
 * @example
 * ```ts
 * import { s4Cases } from '@qaxon/kernel-reference/conformance-runner';
 * console.log(s4Cases().every((c) => c.name.startsWith('s4'))); // true
 * ```
 */
export function s4Cases(): ConformanceCase[] {
  const op = 'quantizedDense';
  return [
    define(op, 's4 per unit, odd in: 4x9 · 9x3', () => ({ inputs: { x: normal([4, 9], 301), kernel: s4Kernel(9, 3, 302) }, attrs: {} })),
    define(op, 's4 groups of 32, odd in not a multiple (45 = 32 + 13): 3x45 · 45x5 + bias', () => ({
      inputs: { x: normal([3, 45], 303), kernel: s4Kernel(45, 5, 304, { groupSize: 32 }), bias: normal([5], 305) },
      attrs: {},
    })),
    define(op, 's4 groups of 16, in 40 (last group 8): 2x40 · 40x7', () => ({ inputs: { x: normal([2, 40], 306), kernel: s4Kernel(40, 7, 307, { groupSize: 16 }) }, attrs: {} })),
    define(op, 's4 groups of 32 with zero points, rank 3 [2, 3, 64] · 64x11 + bias', () => ({
      inputs: { x: normal([2, 3, 64], 308), kernel: s4Kernel(64, 11, 309, { groupSize: 32, zeroPoints: true }), bias: normal([11], 310) },
      attrs: {},
    })),
    define(op, 's4 GEMV one row, groups of 32: 1x300 · 300x33 + bias', () => ({
      inputs: { x: normal([1, 300], 311), kernel: s4Kernel(300, 33, 312, { groupSize: 32 }), bias: normal([33], 313) },
      attrs: {},
    })),
    define(op, 's4 several rows, many units, groups of 64: 5x256 · 256x37', () => ({
      inputs: { x: normal([5, 256], 314), kernel: s4Kernel(256, 37, 315, { groupSize: 64 }) },
      attrs: {},
    })),
    define(op, 's4 groups of 2 (the smallest), odd in 7: 3x7 · 7x4', () => ({ inputs: { x: normal([3, 7], 316), kernel: s4Kernel(7, 4, 317, { groupSize: 2 }) }, attrs: {} })),
    define(op, 's4 extremes -8 and 7', () => ({
      inputs: {
        x: tensor([[1, -1, 2], [0.5, 3, -2]]),
        kernel: new QTensor(tensor([[7, -8], [-8, 7], [7, 7]], { dtype: 's8' }), tensor([0.5, 0.25]), undefined, { bits: 4 }),
      },
      attrs: {},
    })),
    define(op, 's4 NaN and ±Infinity in some rows of x, groups of 8: 3x24 · 24x5', () => ({
      inputs: { x: withValues(normal([3, 24], 318), [[1, Number.NaN], [30, Infinity], [60, -Infinity]]), kernel: s4Kernel(24, 5, 319, { groupSize: 8 }) },
      attrs: {},
    })),
    define(op, "s4 from QTensor.fromTensor({ type: 's4', groupSize: 32 }): 2x100 · 100x9 + bias", () => ({
      inputs: { x: normal([2, 100], 320), kernel: QTensor.fromTensor(normal([100, 9], 321, 0.1), { type: 's4', groupSize: 32 }), bias: normal([9], 322) },
      attrs: {},
    })),
    define(op, 's4 empty batch [0, 10] · 10x3', () => ({ inputs: { x: normal([0, 10], 323), kernel: s4Kernel(10, 3, 324, { groupSize: 4 }) }, attrs: {} })),
    define('gather', 's4 table [7, 6] in groups of 4 along the rows (last group 3), indices [6, 0, 3, 6]', () => ({
      inputs: { table: s4Kernel(7, 6, 325, { groupSize: 4, zeroPoints: true }), indices: tensor([6, 0, 3, 6], { dtype: 's32' }) },
      attrs: {},
    })),
    define('gather', 's4 table [9, 5] per row (axis 0), indices [[8, 1], [4, 8]]', () => ({
      inputs: { table: s4Kernel(9, 5, 326, { axis: 0 }), indices: tensor([[8, 1], [4, 8]], { dtype: 's32' }) },
      attrs: {},
    })),
  ];
}
