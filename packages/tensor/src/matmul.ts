import { DTypeError, ShapeError } from './errors.js';
import { formatShape } from './shape.js';
import { Tensor } from './tensor.js';

/**
 * Matrix product of rank-1 or rank-2 tensors, NumPy style: `[m, k] x [k, n] -> [m, n]`;
 * a rank-1 left operand is a row `[k]` (the `m` axis is dropped from the result), a rank-1
 * right operand a column `[k]` (the `n` axis is dropped). Products are accumulated in
 * float64 and rounded once to the result dtype: `'f32'` for float inputs, `'s32'` for
 * integer inputs (both operands must share a dtype).
 *
 * @example
 * ```ts
 * import { matmul, tensor } from '@qaxon/tensor';
 * matmul(tensor([[1, 2], [3, 4]]), tensor([[5], [6]])).toArray(); // [[17], [39]]
 * ```
 */
export function matmul(a: Tensor, b: Tensor): Tensor {
  if (a.dtype !== b.dtype) {
    throw new DTypeError(`matmul: expected operands of one dtype, got '${a.dtype}' and '${b.dtype}'`);
  }
  if (a.rank < 1 || a.rank > 2 || b.rank < 1 || b.rank > 2) {
    throw new ShapeError(
      `matmul: expected rank-1 or rank-2 operands, got ranks ${a.rank} and ${b.rank} (shapes ${formatShape(a.shape)} and ${formatShape(b.shape)})`,
    );
  }
  const m = a.rank === 2 ? a.shape[0]! : 1;
  const k = a.shape[a.rank - 1]!;
  const kb = b.shape[0]!;
  const n = b.rank === 2 ? b.shape[1]! : 1;
  if (k !== kb) {
    throw new ShapeError(
      `matmul: inner dimensions differ: ${formatShape(a.shape)} has ${k} columns but ${formatShape(b.shape)} has ${kb} rows`,
    );
  }
  const outDType = a.dtype === 'f32' ? 'f32' : 's32';
  const out = outDType === 'f32' ? new Float32Array(m * n) : new Int32Array(m * n);
  const x = a.data;
  const w = b.data;
  for (let row = 0; row < m; row++) {
    for (let col = 0; col < n; col++) {
      let accumulator = 0;
      for (let i = 0; i < k; i++) accumulator += x[row * k + i]! * w[i * n + col]!;
      out[row * n + col] = accumulator;
    }
  }
  const shape = [...(a.rank === 2 ? [m] : []), ...(b.rank === 2 ? [n] : [])];
  return new Tensor(out, shape, outDType);
}
