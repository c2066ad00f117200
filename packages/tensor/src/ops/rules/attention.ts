import { ShapeError, ValueError } from '../../errors.js';
import { describeValue } from '../../describe.js';
import { formatShape } from '../../shape.js';
import type { AttentionAttrs } from '../op-table.js';
import type { OpOutput } from './op-output.js';
import { checkFiniteAttr, checkPlainInput } from './check-input.js';
import type { TensorSpec } from '../tensor-spec.js';

/**
 * The sizes of one `attention` call, as its output rule finds them.
 *
 * @example
 * ```ts
 * import type { AttentionDimensions } from '@qaxon/tensor';
 * const d: AttentionDimensions = { batch: 1, queries: 1, keys: 129, heads: 32, kvHeads: 4, headDim: 64, scale: 0.125 };
 * ```
 */
export interface AttentionDimensions {
  readonly batch: number;
  readonly queries: number;
  readonly keys: number;
  readonly heads: number;
  readonly kvHeads: number;
  readonly headDim: number;
  /** The score scale: the attribute, or `1 / sqrt(headDim)`. */
  readonly scale: number;
}

function checkHeadCount(name: 'heads' | 'kvHeads', value: unknown): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) {
    throw new ValueError(`attention: expected attribute '${name}' to be a positive integer, got ${describeValue(value)}`);
  }
  return value;
}

/**
 * Checks the inputs and attributes of `attention` and returns its sizes: `query` f32
 * `[batch, queries, heads · headDim]`, `key` and `value` f32 `[batch, keys, kvHeads · headDim]`,
 * `kvHeads` dividing `heads`, `mask` absent or s32 `[batch, keys]`, `causal` a boolean,
 * `scale` absent or a finite number.
 *
 * @example
 * ```ts
 * import { attentionDimensions, ones } from '@qaxon/tensor';
 * const d = attentionDimensions({ query: ones([1, 3, 8]), key: ones([1, 5, 4]), value: ones([1, 5, 4]) }, { heads: 4, kvHeads: 2, causal: true });
 * console.log(d.headDim, d.keys); // 2 5
 * ```
 */
export function attentionDimensions(
  inputs: { query: TensorSpec; key: TensorSpec; value: TensorSpec; mask?: TensorSpec | undefined },
  attrs: AttentionAttrs,
): AttentionDimensions {
  const query = checkPlainInput('attention', 'query', inputs.query, ['f32'], 3);
  const key = checkPlainInput('attention', 'key', inputs.key, ['f32'], 3);
  const value = checkPlainInput('attention', 'value', inputs.value, ['f32'], 3);
  for (const [name, spec] of [['query', query], ['key', key], ['value', value]] as const) {
    if (spec.shape.length !== 3) {
      throw new ShapeError(`attention: expected ${name} of rank 3 [batch, tokens, heads · headDim], got shape ${formatShape(spec.shape)}`);
    }
  }
  const heads = checkHeadCount('heads', (attrs as Partial<AttentionAttrs> | undefined)?.heads);
  const kvHeads = checkHeadCount('kvHeads', attrs.kvHeads);
  if (heads % kvHeads !== 0) {
    throw new ValueError(`attention: expected kvHeads to divide heads (each key/value head serves heads / kvHeads query heads), got heads ${heads} and kvHeads ${kvHeads}`);
  }
  if (typeof attrs.causal !== 'boolean') throw new ValueError(`attention: expected attribute 'causal' to be a boolean, got ${describeValue(attrs.causal)}`);
  const [batch, queries, width] = query.shape as [number, number, number];
  if (width % heads !== 0) {
    throw new ShapeError(`attention: expected query's last axis to be heads · headDim (a multiple of heads = ${heads}), got shape ${formatShape(query.shape)}`);
  }
  const headDim = width / heads;
  const keys = key.shape[1]!;
  const kvShape = [batch, keys, kvHeads * headDim];
  for (const [name, spec] of [['key', key], ['value', value]] as const) {
    if (spec.shape.some((size, axis) => size !== kvShape[axis])) {
      throw new ShapeError(
        `attention: expected ${name} of shape ${formatShape(kvShape)} ([batch, keys, kvHeads · headDim] with query ${formatShape(query.shape)}, ${heads} heads, ${kvHeads} kvHeads), got ${formatShape(spec.shape)}`,
      );
    }
  }
  if (inputs.mask !== undefined) {
    const mask = checkPlainInput('attention', 'mask', inputs.mask, ['s32']);
    if (mask.shape.length !== 2 || mask.shape[0] !== batch || mask.shape[1] !== keys) {
      throw new ShapeError(`attention: expected mask of shape [${batch}, ${keys}] ([batch, keys]: 1 attends, 0 is padding), got ${formatShape(mask.shape)}`);
    }
  }
  const scale = attrs.scale === undefined ? 1 / Math.sqrt(headDim) : checkFiniteAttr('attention', 'scale', attrs.scale);
  return { batch, queries, keys, heads, kvHeads, headDim, scale };
}

/**
 * Output rule of `attention` (see {@link attentionDimensions}): f32 of `query`'s shape.
 *
 * @example
 * ```ts
 * import { attentionOutput, ones } from '@qaxon/tensor';
 * console.log(attentionOutput({ query: ones([2, 3, 8]), key: ones([2, 4, 8]), value: ones([2, 4, 8]) }, { heads: 2, kvHeads: 2, causal: false }).shape); // [2, 3, 8]
 * ```
 */
export function attentionOutput(
  inputs: { query: TensorSpec; key: TensorSpec; value: TensorSpec; mask?: TensorSpec | undefined },
  attrs: AttentionAttrs,
): OpOutput {
  attentionDimensions(inputs, attrs);
  return { shape: inputs.query.shape, dtype: 'f32' };
}
