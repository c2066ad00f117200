import type { Model } from '../model.js';
import { booleanOption, builderLabel, namedLayer } from './check-options.js';
import { layer } from './layer.js';

/**
 * Options of {@link matMul}.
 *
 * @example
 * ```ts
 * import type { MatMulOptions } from '@qaxon/graph';
 * const scores: MatMulOptions = { transposeB: true };
 * ```
 */
export interface MatMulOptions {
  /** Explicit layer name (otherwise `matMul_<n>`). */
  name?: string;
  /** Transpose `a`'s last two axes first (default false). */
  transposeA?: boolean;
  /** Transpose `b`'s last two axes first (default false). */
  transposeB?: boolean;
}

/**
 * Adds a batched matrix product of two layers: `a [..., m, k] · b [..., k, n] -> [..., m, n]`,
 * the batch axes broadcast as NumPy's `matmul`, either side transposed on its last two axes
 * on request (one `matMul` op call). For a product with a learned weight, use `dense`.
 *
 * @example
 * ```ts
 * import { input, matMul } from '@qaxon/graph';
 * const q = input('q', { shape: [null, 8, 16] });
 * const k = input('k', { shape: [null, 8, 16] });
 * const scores = matMul(q, k, { transposeB: true }); // [batch, 8, 8]
 * ```
 */
export function matMul(a: Model, b: Model, options: MatMulOptions = {}): Model {
  const where = builderLabel('matMul', options.name);
  const transposeA = booleanOption(options.transposeA ?? false, where, 'transposeA');
  const transposeB = booleanOption(options.transposeB ?? false, where, 'transposeB');
  return layer('matMul', [a, b], { ...namedLayer(options), opName: 'matMul', opts: { transposeA, transposeB } });
}
