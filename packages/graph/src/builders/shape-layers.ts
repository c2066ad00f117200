import { describeValue } from '@qaxon/tensor';
import { LayerOptionError } from '../errors.js';
import type { Model } from '../model.js';
import { layer } from './layer.js';

/**
 * Options of {@link flatten} and {@link reshape}.
 *
 * @example
 * ```ts
 * import type { ShapeLayerOptions } from '@qaxon/graph';
 * const options: ShapeLayerOptions = { name: 'flat' };
 * ```
 */
export interface ShapeLayerOptions {
  /** Explicit layer name. */
  name?: string;
}

/**
 * A reshape target axis: a size, `-1` (inferred from the element count, at most once) or
 * `'batch'` (the size of the input's first axis, kept whatever the batch is).
 *
 * @example
 * ```ts
 * import type { ReshapeDimension } from '@qaxon/graph';
 * const target: ReshapeDimension[] = ['batch', 2, -1];
 * ```
 */
export type ReshapeDimension = number | 'batch';

/**
 * Adds a flatten layer: keeps the first (batch) axis and merges all the others,
 * `[b, d1, d2, ...] -> [b, d1·d2·...]` (as Axon's `flatten`).
 *
 * @example
 * ```ts
 * import { flatten, input } from '@qaxon/graph';
 * const flat = flatten(input('image', { shape: [null, 28, 28] })); // [b, 784]
 * ```
 */
export function flatten(x: Model, options: ShapeLayerOptions = {}): Model {
  return layer('flatten', [x], { ...(options.name === undefined ? {} : { name: options.name }), opName: 'flatten' });
}

/**
 * Adds a reshape layer to `shape`, where `'batch'` stands for the input's first axis (so
 * one model serves any batch size, like Axon's `:batch`) and one `-1` may be inferred.
 *
 * @example
 * ```ts
 * import { input, reshape } from '@qaxon/graph';
 * const grid = reshape(input('x', { shape: [null, 6] }), ['batch', 2, 3]);
 * ```
 */
export function reshape(x: Model, shape: readonly ReshapeDimension[], options: ShapeLayerOptions = {}): Model {
  if (!Array.isArray(shape)) throw new LayerOptionError(`reshape: expected a shape array, got ${describeValue(shape)}`);
  shape.forEach((dimension, axis) => {
    const valid = dimension === 'batch' || dimension === -1 || (Number.isSafeInteger(dimension) && (dimension as number) >= 0);
    if (!valid) throw new LayerOptionError(`reshape: expected axis ${axis} to be a size, -1 or 'batch', got ${describeValue(dimension)}`);
  });
  return layer('reshape', [x], {
    ...(options.name === undefined ? {} : { name: options.name }),
    opName: 'reshape',
    opts: { shape: Object.freeze([...shape]) },
  });
}
