import { describeValue } from '@qaxon/tensor';
import { LayerOptionError } from '../errors.js';
import type { Model } from '../model.js';
import { builderLabel, integerListOption, integerOption, namedLayer, positiveIntegerOption } from './check-options.js';
import { layer } from './layer.js';

/**
 * Options of {@link slice}.
 *
 * @example
 * ```ts
 * import type { SliceOptions } from '@qaxon/graph';
 * const lastToken: SliceOptions = { axes: [1] };
 * ```
 */
export interface SliceOptions {
  /** Explicit layer name (otherwise `slice_<n>`). */
  name?: string;
  /** The axes `begin` and `size` are for (negative counts from the end); absent: every axis, in order. */
  axes?: readonly number[];
}

/**
 * Adds a slice: along each axis (or each of `axes`), `size` entries from `begin`.
 * Negative `begin` counts from the end of the axis and `size` -1 runs to its end, so
 * `slice(x, [-1], [1], { axes: [1] })` is the last token of `[batch, tokens, hidden]`
 * whatever the batch and the length. One `slice` op call.
 *
 * @example
 * ```ts
 * import { input, slice } from '@qaxon/graph';
 * const hidden = input('hidden', { shape: [null, null, 64] });
 * const lastToken = slice(hidden, [-1], [1], { axes: [1] }); // [batch, 1, 64]
 * const firstHalf = slice(hidden, [0, 0, 0], [-1, -1, 32]); // [batch, tokens, 32]
 * ```
 */
export function slice(x: Model, begin: readonly number[], size: readonly number[], options: SliceOptions = {}): Model {
  const where = builderLabel('slice', options.name);
  const starts = integerListOption(begin, where, 'begin');
  const lengths = integerListOption(size, where, 'size');
  lengths.forEach((length, index) => {
    if (length < -1) throw new LayerOptionError(`${where}: expected size[${index}] to be -1 (to the end) or >= 0, got ${length}`);
  });
  const axes = options.axes === undefined ? undefined : integerListOption(options.axes, where, 'axes');
  const count = axes?.length ?? starts.length;
  if (starts.length !== count || lengths.length !== count) {
    throw new LayerOptionError(`${where}: expected begin and size to have one entry per ${axes === undefined ? 'axis' : `entry of axes (${count})`}, got ${starts.length} and ${lengths.length}`);
  }
  return layer('slice', [x], { ...namedLayer(options), opName: 'slice', opts: { begin: starts, size: lengths, ...(axes === undefined ? {} : { axes }) } });
}

/**
 * Options of {@link split}.
 *
 * @example
 * ```ts
 * import type { SplitOptions } from '@qaxon/graph';
 * const options: SplitOptions = { axis: -1, name: 'qkv' };
 * ```
 */
export interface SplitOptions {
  /** The axis to split (default -1, the last; negative counts from the end). */
  axis?: number;
  /** Base name: part `i` is named `<name>_<i>` (otherwise `split_<n>` each). */
  name?: string;
}

/**
 * Splits `x` along `axis` into `splits` equal parts, or into parts of the given sizes,
 * and returns one model per part (Axon's `Axon.split`), each one `slice` op call. Typical
 * use: a fused query/key/value projection cut into its three parts.
 *
 * @example
 * ```ts
 * import { dense, input, split } from '@qaxon/graph';
 * const x = input('hidden', { shape: [null, null, 64] });
 * const [q, k, v] = split(dense(x, 192), 3); // three [batch, tokens, 64]
 * const [query, keyValue] = split(dense(x, 96), [64, 32]);
 * ```
 */
export function split(x: Model, splits: number | readonly number[], options: SplitOptions = {}): Model[] {
  const where = builderLabel('split', options.name);
  const axis = integerOption(options.axis ?? -1, where, 'axis');
  let count: number;
  let partition: { parts: number } | { sizes: readonly number[] };
  if (typeof splits === 'number') {
    count = positiveIntegerOption(splits, where, 'splits');
    partition = { parts: count };
  } else if (Array.isArray(splits) && splits.length > 0) {
    const sizes = integerListOption(splits, where, 'splits');
    sizes.forEach((size, index) => {
      if (size < 0) throw new LayerOptionError(`${where}: expected splits[${index}] to be a size >= 0, got ${size}`);
    });
    count = sizes.length;
    partition = { sizes };
  } else {
    throw new LayerOptionError(`${where}: expected splits to be a number of equal parts or a non-empty array of sizes, got ${describeValue(splits)}`);
  }
  return Array.from({ length: count }, (_, index) =>
    layer('split', [x], {
      ...(options.name === undefined ? {} : { name: `${options.name}_${index}` }),
      opName: 'split',
      opts: { axis, ...partition, index },
    }),
  );
}
