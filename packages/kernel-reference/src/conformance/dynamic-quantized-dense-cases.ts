import { QTensor, Tensor, tensor, type OpName } from '@qaxon/tensor';
import type { ConformanceCall, ConformanceCase } from './cases.js';
import { integers, normal, scales, withValues } from './seeded.js';

function define<O extends OpName>(op: O, name: string, build: () => ConformanceCall<O>): ConformanceCase {
  return Object.freeze({ op, name, build }) as unknown as ConformanceCase;
}

/** An int8 per-channel kernel `[inner, units]`; zero points in `[-20, 20]` when asked. */
function kernel(inner: number, units: number, seed: number, options: { zeroPoints?: boolean; low?: number; high?: number } = {}): QTensor {
  const { zeroPoints = false, low = -128, high = 127 } = options;
  const zeroPoint = zeroPoints ? integers([units], seed + 2, -20, 20, 's8') : undefined;
  return new QTensor(integers([inner, units], seed, low, high, 's8'), scales(units, seed + 1), zeroPoint);
}

/**
 * Conformance cases of `dynamicQuantizedDense` (W8A8): odd sizes and tails of every
 * kernel path (1 row, a few rows, tiles of 4, reductions past one 256-row block), zero
 * points that fold into int8 and ones that do not, ties of the row quantization, rows
 * with NaN/±Infinity, all-zero and tiny rows.
 *
 * @example
 * ```ts
 * import { dynamicQuantizedDenseCases } from '@qaxon/kernel-reference/conformance-runner';
 * console.log(dynamicQuantizedDenseCases().length > 0); // true
 * ```
 */
export function dynamicQuantizedDenseCases(): ConformanceCase[] {
  const op = 'dynamicQuantizedDense';
  return [
    define(op, 'symmetric odd sizes 3x7 · 7x5', () => ({ inputs: { x: normal([3, 7], 51), kernel: kernel(7, 5, 52) }, attrs: {} })),
    define(op, 'foldable zero points 3x9 · 9x6 + bias', () => ({
      inputs: { x: normal([3, 9], 53), kernel: kernel(9, 6, 54, { zeroPoints: true, low: -100, high: 100 }), bias: normal([6], 55) },
      attrs: {},
    })),
    define(op, 'zero points kept apart (q - z leaves int8): rank 3 [2, 2, 33] · [33, 7]', () => ({
      inputs: { x: normal([2, 2, 33], 56), kernel: kernel(33, 7, 57, { zeroPoints: true }) },
      attrs: {},
    })),
    define(op, 'one row, long reduction 1x600 · 600x20 + bias', () => ({ inputs: { x: normal([1, 600], 58), kernel: kernel(600, 20, 59), bias: normal([20], 60) }, attrs: {} })),
    define(op, 'tiles and tails 9x70 · 70x37 + bias', () => ({ inputs: { x: normal([9, 70], 61), kernel: kernel(70, 37, 62), bias: normal([37], 63) }, attrs: {} })),
    define(op, 'two K blocks with zero points 5x601 · 601x33', () => ({
      inputs: { x: normal([5, 601], 64, 3), kernel: kernel(601, 33, 65, { zeroPoints: true }) },
      attrs: {},
    })),
    define(op, 'ties round to even, extreme weights', () => ({
      inputs: {
        x: tensor([[127, 0.5, 1.5, -2.5, -127], [-2, 1, 0.5, -0.5, 0.25]]),
        kernel: new QTensor(tensor([[127, -128], [-128, 127], [127, 127], [-128, -128], [1, -1]], { dtype: 's8' }), tensor([0.5, 0.25])),
      },
      attrs: {},
    })),
    define(op, 'NaN and ±Infinity in some rows, a zero row and a tiny row', () => {
      const x = withValues(normal([6, 8], 66), [[1, Number.NaN], [9, Infinity], [20, -Infinity]]);
      for (let k = 0; k < 8; k++) {
        x.data[32 + k] = 0;
        x.data[40 + k] = k % 2 === 0 ? 1e-30 : -1e-25;
      }
      return { inputs: { x, kernel: kernel(8, 3, 67, { zeroPoints: true }), bias: normal([3], 68) }, attrs: {} };
    }),
    define(op, 'K = 0: the result is the bias', () => ({
      inputs: { x: normal([2, 0], 1), kernel: new QTensor(new Tensor(new Int8Array(0), [0, 3], 's8'), scales(3, 71)), bias: normal([3], 72) },
      attrs: {},
    })),
    define(op, 'empty batch [0, 4]', () => ({ inputs: { x: normal([0, 4], 1), kernel: kernel(4, 3, 73) }, attrs: {} })),
  ];
}
