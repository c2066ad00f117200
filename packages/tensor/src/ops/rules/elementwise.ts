import { broadcastShapes } from '../../broadcast.js';
import type { OpOutput } from './op-output.js';
import { checkPlainInput } from './check-input.js';
import type { TensorSpec } from '../tensor-spec.js';

/**
 * The broadcasting binary ops: `add`, `subtract`, `multiply`, `divide`.
 *
 * @example
 * ```ts
 * import type { BinaryOpName } from '@qaxon/tensor';
 * const op: BinaryOpName = 'multiply';
 * ```
 */
export type BinaryOpName = 'add' | 'subtract' | 'multiply' | 'divide';

/**
 * Output rule of the binary elementwise ops: `a` and `b` f32 (plain tensors of any rank),
 * shapes broadcast as in NumPy (aligned from the last axis, each pair equal or 1); the
 * output has the broadcast shape.
 *
 * @example
 * ```ts
 * import { binaryOutput, ones } from '@qaxon/tensor';
 * console.log(binaryOutput('add', { a: ones([2, 1, 3]), b: ones([4, 1]) }).shape); // [2, 4, 3]
 * ```
 */
export function binaryOutput(op: BinaryOpName, inputs: { a: TensorSpec; b: TensorSpec }): OpOutput {
  const a = checkPlainInput(op, 'a', inputs.a, ['f32']);
  const b = checkPlainInput(op, 'b', inputs.b, ['f32']);
  return { shape: broadcastShapes(a.shape, b.shape, `${op} (a, b)`), dtype: 'f32' };
}
