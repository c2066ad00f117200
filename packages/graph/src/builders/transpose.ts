import { LayerOptionError } from '../errors.js';
import type { Model } from '../model.js';
import { builderLabel, integerListOption, namedLayer } from './check-options.js';
import { layer } from './layer.js';

/**
 * Options of {@link transpose}.
 *
 * @example
 * ```ts
 * import type { TransposeOptions } from '@qaxon/graph';
 * const options: TransposeOptions = { name: 'heads_first' };
 * ```
 */
export interface TransposeOptions {
  /** Explicit layer name (otherwise `transpose_<n>`). */
  name?: string;
}

/**
 * Adds a transpose: output axis `i` is input axis `permutation[i]`; negative entries
 * count from the end (`[0, -1, -2]` swaps the last two axes of a rank-3 input), checked
 * against the input's rank when shapes are known. One `transpose` op call.
 *
 * @example
 * ```ts
 * import { input, reshape, transpose } from '@qaxon/graph';
 * const x = input('x', { shape: [null, 10, 64] });
 * const headsFirst = transpose(reshape(x, ['batch', 10, 4, 16]), [0, 2, 1, 3]); // [batch, 4, 10, 16]
 * ```
 */
export function transpose(x: Model, permutation: readonly number[], options: TransposeOptions = {}): Model {
  const where = builderLabel('transpose', options.name);
  const list = integerListOption(permutation, where, 'permutation');
  const rank = list.length;
  const seen = new Set(list.map((axis) => (axis < 0 ? axis + rank : axis)));
  if (seen.size !== rank || [...seen].some((axis) => axis < 0 || axis >= rank)) {
    throw new LayerOptionError(`${where}: expected option permutation to name each of ${rank} axes once (negative counts from the end), got [${list.join(', ')}]`);
  }
  return layer('transpose', [x], { ...namedLayer(options), opName: 'transpose', opts: { permutation: list } });
}
