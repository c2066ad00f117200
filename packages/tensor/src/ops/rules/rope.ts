import { ShapeError, ValueError } from '../../errors.js';
import { describeValue } from '../../describe.js';
import { formatShape } from '../../shape.js';
import type { RopeAttrs } from '../op-table.js';
import type { OpOutput } from './op-output.js';
import { checkFiniteAttr, checkPlainInput } from './check-input.js';
import type { TensorSpec } from '../tensor-spec.js';

/**
 * The sizes of one `rope` call, as its output rule finds them.
 *
 * @example
 * ```ts
 * import type { RopeDimensions } from '@qaxon/tensor';
 * const d: RopeDimensions = { batch: 1, sequence: 7, heads: 8, headDim: 64, rotaryDim: 64, positionsPerBatch: false };
 * ```
 */
export interface RopeDimensions {
  readonly batch: number;
  readonly sequence: number;
  readonly heads: number;
  readonly headDim: number;
  readonly rotaryDim: number;
  /** True when `positions` is `[batch, sequence]` (one row per batch entry), false for `[sequence]`. */
  readonly positionsPerBatch: boolean;
}

/**
 * Checks the inputs and attributes of `rope`: `x` f32 `[batch, sequence, heads · headDim]`,
 * `positions` s32 `[sequence]` or `[batch, sequence]`, `headDim` a positive even integer
 * dividing `x`'s last axis, `rotaryDim` (default `headDim`) even and in `[2, headDim]`,
 * `theta` a positive finite number, `interleaved` a boolean.
 *
 * @example
 * ```ts
 * import { ones, ropeDimensions, zeros } from '@qaxon/tensor';
 * const d = ropeDimensions({ x: ones([1, 3, 8]), positions: zeros([3], 's32') }, { headDim: 4, theta: 10000, interleaved: false });
 * console.log(d.heads); // 2
 * ```
 */
export function ropeDimensions(inputs: { x: TensorSpec; positions: TensorSpec }, attrs: RopeAttrs): RopeDimensions {
  const x = checkPlainInput('rope', 'x', inputs.x, ['f32'], 3);
  if (x.shape.length !== 3) throw new ShapeError(`rope: expected x of rank 3 [batch, sequence, heads · headDim], got shape ${formatShape(x.shape)}`);
  const [batch, sequence, width] = x.shape as [number, number, number];
  const headDim = (attrs as Partial<RopeAttrs> | undefined)?.headDim;
  if (typeof headDim !== 'number' || !Number.isSafeInteger(headDim) || headDim < 2 || headDim % 2 !== 0) {
    throw new ValueError(`rope: expected attribute 'headDim' to be a positive even integer, got ${describeValue(headDim)}`);
  }
  if (width % headDim !== 0) throw new ShapeError(`rope: expected x's last axis to be heads · headDim (a multiple of headDim = ${headDim}), got shape ${formatShape(x.shape)}`);
  const rotaryDim = attrs.rotaryDim ?? headDim;
  if (!Number.isSafeInteger(rotaryDim) || rotaryDim < 2 || rotaryDim % 2 !== 0 || rotaryDim > headDim) {
    throw new ValueError(`rope: expected attribute 'rotaryDim' to be an even integer in [2, ${headDim}] (headDim), got ${describeValue(attrs.rotaryDim)}`);
  }
  checkFiniteAttr('rope', 'theta', attrs.theta, true);
  if (typeof attrs.interleaved !== 'boolean') throw new ValueError(`rope: expected attribute 'interleaved' to be a boolean, got ${describeValue(attrs.interleaved)}`);
  const positions = checkPlainInput('rope', 'positions', inputs.positions, ['s32'], 1);
  const perBatch = positions.shape.length === 2;
  const expected = perBatch ? [batch, sequence] : [sequence];
  if (positions.shape.length > 2 || positions.shape.some((size, axis) => size !== expected[axis])) {
    throw new ShapeError(`rope: expected positions of shape [${sequence}] or [${batch}, ${sequence}] for x ${formatShape(x.shape)}, got ${formatShape(positions.shape)}`);
  }
  return { batch, sequence, heads: width / headDim, headDim, rotaryDim, positionsPerBatch: perBatch };
}

/**
 * Output rule of `rope` (see {@link ropeDimensions}): f32 of `x`'s shape.
 *
 * @example
 * ```ts
 * import { ones, ropeOutput, zeros } from '@qaxon/tensor';
 * console.log(ropeOutput({ x: ones([2, 3, 8]), positions: zeros([2, 3], 's32') }, { headDim: 8, theta: 10000, interleaved: true }).shape); // [2, 3, 8]
 * ```
 */
export function ropeOutput(inputs: { x: TensorSpec; positions: TensorSpec }, attrs: RopeAttrs): OpOutput {
  ropeDimensions(inputs, attrs);
  return { shape: inputs.x.shape, dtype: 'f32' };
}
