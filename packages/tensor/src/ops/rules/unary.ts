import type { OpOutput } from './op-output.js';
import { checkFiniteAttr, checkPlainInput } from './check-input.js';
import type { TensorSpec } from '../tensor-spec.js';

/**
 * The unary ops on f32 (activations and `exp`); each keeps the shape of its input.
 *
 * @example
 * ```ts
 * import type { UnaryOpName } from '@qaxon/tensor';
 * const op: UnaryOpName = 'gelu';
 * ```
 */
export type UnaryOpName = 'relu' | 'sigmoid' | 'tanh' | 'gelu' | 'geluTanh' | 'silu' | 'exp' | 'leakyRelu';

/**
 * Output rule of the unary ops: `x` a plain f32 tensor of any rank; for `leakyRelu`,
 * `alpha` a finite number. The output has `x`'s shape.
 *
 * @example
 * ```ts
 * import { unaryOutput, ones } from '@qaxon/tensor';
 * console.log(unaryOutput('leakyRelu', { x: ones([2, 3]) }, { alpha: 0.1 }).shape); // [2, 3]
 * ```
 */
export function unaryOutput(op: UnaryOpName, inputs: { x: TensorSpec }, attrs: { alpha?: number } = {}): OpOutput {
  const x = checkPlainInput(op, 'x', inputs.x, ['f32']);
  if (op === 'leakyRelu') checkFiniteAttr(op, 'alpha', (attrs as { alpha?: unknown } | undefined)?.alpha);
  return { shape: x.shape, dtype: 'f32' };
}
