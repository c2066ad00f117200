import { broadcastCombine } from '@qaxon/tensor';

/**
 * The elementwise ops and softmax as plain loops over host arrays, for the modes whose
 * data lives on the host (`cpu`, `webasm`, `webgpu`: gpu.js's JavaScript and WebAssembly
 * backends gain nothing on a single pass over memory). Each output is the same float64
 * expression as on the reference backend, rounded once to f32.
 *
 * @module
 */

/** The unary ops with a host loop. */
export type HostUnaryOp = 'relu' | 'sigmoid' | 'tanh' | 'silu' | 'exp' | 'leakyRelu';

/** The binary ops with a host loop. */
export type HostBinaryOp = 'add' | 'subtract' | 'multiply' | 'divide';

function sigmoidOf(v: number): number {
  if (v >= 0) return 1 / (1 + Math.exp(-v));
  const e = Math.exp(v);
  return e / (1 + e);
}

const UNARY: { readonly [O in HostUnaryOp]: (v: number, alpha: number) => number } = {
  relu: (v) => (v > 0 || Number.isNaN(v) ? v : 0),
  sigmoid: (v) => sigmoidOf(v),
  tanh: (v) => Math.tanh(v),
  silu: (v) => v * sigmoidOf(v),
  exp: (v) => Math.exp(v),
  leakyRelu: (v, alpha) => (v > 0 ? v : alpha * v),
};

const BINARY: { readonly [O in HostBinaryOp]: (a: number, b: number) => number } = {
  add: (a, b) => a + b,
  subtract: (a, b) => a - b,
  multiply: (a, b) => a * b,
  divide: (a, b) => a / b,
};

/**
 * `op` applied to every element of `x` (`alpha`: `leakyRelu`'s slope).
 *
 * @example
 * ```ts
 * import { hostUnary } from '@qaxon/kernel-gpu/internals';
 * console.log(hostUnary('relu', Float32Array.from([-1, 2]), 0)); // Float32Array [0, 2]
 * ```
 */
export function hostUnary(op: HostUnaryOp, x: Float32Array, alpha: number): Float32Array {
  const fn = UNARY[op];
  const out = new Float32Array(x.length);
  for (let i = 0; i < x.length; i++) out[i] = fn(x[i]!, alpha);
  return out;
}

/**
 * `op(a, b)` with NumPy broadcasting into `shape` (the broadcast of the two input shapes).
 *
 * @example
 * ```ts
 * import { hostBinary } from '@qaxon/kernel-gpu/internals';
 * console.log(hostBinary('add', Float32Array.from([1, 2]), [2], Float32Array.from([10]), [1], [2])); // Float32Array [11, 12]
 * ```
 */
export function hostBinary(
  op: HostBinaryOp,
  a: Float32Array,
  shapeA: readonly number[],
  b: Float32Array,
  shapeB: readonly number[],
  shape: readonly number[],
): Float32Array {
  const fn = BINARY[op];
  const size = shape.reduce((total, axis) => total * axis, 1);
  const out = new Float32Array(size);
  if (a.length === size && b.length === size) {
    for (let i = 0; i < size; i++) out[i] = fn(a[i]!, b[i]!);
    return out;
  }
  broadcastCombine(out, a, shapeA, b, shapeB, shape, fn);
  return out;
}

/**
 * `softmax` (or with `log`, `logSoftmax`) along rows of `length` elements: the row's
 * maximum is subtracted before the exponentials, the sum is kept in float64.
 *
 * @example
 * ```ts
 * import { hostSoftmax } from '@qaxon/kernel-gpu/internals';
 * console.log(hostSoftmax(Float32Array.from([0, 0]), 2, false)); // Float32Array [0.5, 0.5]
 * ```
 */
export function hostSoftmax(x: Float32Array, length: number, log: boolean): Float32Array {
  const out = new Float32Array(x.length);
  if (length === 0) return out;
  for (let start = 0; start < x.length; start += length) {
    let top = -Infinity;
    for (let k = 0; k < length; k++) top = Math.max(top, x[start + k]!);
    let sum = 0;
    for (let k = 0; k < length; k++) sum += Math.exp(x[start + k]! - top);
    for (let k = 0; k < length; k++) {
      const v = x[start + k]! - top;
      out[start + k] = log ? v - Math.log(sum) : Math.exp(v) / sum;
    }
  }
  return out;
}
