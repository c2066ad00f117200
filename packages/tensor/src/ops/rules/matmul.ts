import { broadcastShapes } from '../../broadcast.js';
import { ShapeError, ValueError } from '../../errors.js';
import { describeValue } from '../../describe.js';
import { formatShape } from '../../shape.js';
import type { OpOutput } from './op-output.js';
import { checkPlainInput } from './check-input.js';
import type { TensorSpec } from '../tensor-spec.js';

/**
 * The sizes of one `matMul`: the broadcast batch shape, `m`, `k`, `n` (after the optional
 * transposes) and the output shape `[...batchShape, m, n]`.
 *
 * @example
 * ```ts
 * import type { MatMulDimensions } from '@qaxon/tensor';
 * const dimensions: MatMulDimensions = { batchShape: [2], m: 3, k: 4, n: 5, outputShape: [2, 3, 5] };
 * ```
 */
export interface MatMulDimensions {
  /** The batch axes of `a` and `b` (all but the last two), broadcast together. */
  batchShape: number[];
  /** Rows of the (transposed) `a`. */
  m: number;
  /** The reduced axis. */
  k: number;
  /** Columns of the (transposed) `b`. */
  n: number;
  /** `[...batchShape, m, n]`. */
  outputShape: number[];
}

function checkFlag(name: string, value: unknown): boolean {
  if (value === undefined) return false;
  if (typeof value !== 'boolean') throw new ValueError(`matMul: expected attribute '${name}' to be a boolean or absent, got ${describeValue(value)}`);
  return value;
}

/**
 * Checks the inputs of a `matMul` and returns its sizes: `a [..., m, k]` and
 * `b [..., k, n]` plain f32 of rank >= 2 (with `transposeA`, `a` is `[..., k, m]`; with
 * `transposeB`, `b` is `[..., n, k]`), batch axes broadcast as in NumPy.
 *
 * @example
 * ```ts
 * import { matMulDimensions, ones } from '@qaxon/tensor';
 * const d = matMulDimensions({ a: ones([2, 3, 4]), b: ones([5, 4]) }, { transposeB: true });
 * console.log(d.outputShape); // [2, 3, 5]
 * ```
 */
export function matMulDimensions(inputs: { a: TensorSpec; b: TensorSpec }, attrs: { transposeA?: boolean; transposeB?: boolean } = {}): MatMulDimensions {
  const a = checkPlainInput('matMul', 'a', inputs.a, ['f32'], 2);
  const b = checkPlainInput('matMul', 'b', inputs.b, ['f32'], 2);
  const transposeA = checkFlag('transposeA', attrs?.transposeA);
  const transposeB = checkFlag('transposeB', attrs?.transposeB);
  const ra = a.shape.length;
  const rb = b.shape.length;
  const [a0, a1] = [a.shape[ra - 2] as number, a.shape[ra - 1] as number];
  const [b0, b1] = [b.shape[rb - 2] as number, b.shape[rb - 1] as number];
  const [m, k] = transposeA ? [a1, a0] : [a0, a1];
  const [kb, n] = transposeB ? [b1, b0] : [b0, b1];
  if (k !== kb) {
    throw new ShapeError(
      `matMul: a ${formatShape(a.shape)}${transposeA ? ' (transposed)' : ''} has ${k} columns but b ${formatShape(b.shape)}${transposeB ? ' (transposed)' : ''} has ${kb} rows (the inner sizes must agree)`,
    );
  }
  const batchShape = broadcastShapes(a.shape.slice(0, -2), b.shape.slice(0, -2), 'matMul (batch axes of a and b)');
  return { batchShape, m, k, n, outputShape: [...batchShape, m, n] };
}

/** Output rule of `matMul`. */
export function matMulOutput(inputs: { a: TensorSpec; b: TensorSpec }, attrs: { transposeA?: boolean; transposeB?: boolean }): OpOutput {
  return { shape: matMulDimensions(inputs, attrs).outputShape, dtype: 'f32' };
}
