import { describeValue } from '@qaxon/tensor';
import { LayerOptionError } from '../errors.js';
import type { Model } from '../model.js';
import { layer } from './layer.js';

/**
 * Options of {@link dropout}.
 *
 * @example
 * ```ts
 * import type { DropoutOptions } from '@qaxon/graph';
 * const options: DropoutOptions = { rate: 0.2 };
 * ```
 */
export interface DropoutOptions {
  /** Explicit layer name. */
  name?: string;
  /** Fraction of units dropped in training, in [0, 1) (default 0.5). */
  rate?: number;
}

/**
 * Adds a dropout layer. qaxon only runs inference, where dropout is the identity (Axon
 * does the same in `:inference` mode); the `rate` is kept in the node for the record.
 *
 * @example
 * ```ts
 * import { dense, dropout, input } from '@qaxon/graph';
 * const model = dense(dropout(input('x'), { rate: 0.2 }), 4);
 * ```
 */
export function dropout(x: Model, options: DropoutOptions = {}): Model {
  const rate = options.rate ?? 0.5;
  if (typeof rate !== 'number' || !(rate >= 0 && rate < 1)) {
    throw new LayerOptionError(`dropout: expected rate in [0, 1), got ${describeValue(rate)}`);
  }
  return layer('dropout', [x], { ...(options.name === undefined ? {} : { name: options.name }), opName: 'dropout', opts: { rate } });
}
