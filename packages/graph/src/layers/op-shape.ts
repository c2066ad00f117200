import { QaxonError, inferOpOutput, type OpAttrs, type OpName, type OpSpecs, type Shape, type TensorSpec } from '@qaxon/tensor';
import { GraphError, InputError } from '../errors.js';
import { layerLabel, type ShapeContext } from './layer-implementation.js';

/**
 * A float32 input of shape `shape`, as an op's output rule reads it.
 *
 * @example
 * ```ts
 * import { build, input, matMul } from '@qaxon/graph';
 * const { init } = build(matMul(input('a'), input('b'))); // shapes checked as f32 specs at init
 * ```
 */
export function f32Spec(shape: Shape): TensorSpec {
  return { shape, dtype: 'f32' };
}

/**
 * An int32 input of shape `shape` (token ids, positions, a mask), as an op's output rule
 * reads it.
 *
 * @example
 * ```ts
 * import { embedding, input } from '@qaxon/graph';
 * const tokens = embedding(input('ids', { dtype: 's32' }), 100, 8); // ids checked as an s32 spec
 * ```
 */
export function s32Spec(shape: Shape): TensorSpec {
  return { shape, dtype: 's32' };
}

/**
 * Checks that a layer got between `min` and `max` inputs, else throws an `InputError`
 * naming the layer.
 *
 * @example
 * ```ts
 * import { attention, input } from '@qaxon/graph';
 * const x = input('x');
 * const withMask = attention(x, x, x, { heads: 2, mask: input('mask', { dtype: 's32' }) }); // 4 inputs
 * ```
 */
export function expectInputCount(inputShapes: readonly Shape[], min: number, max: number, context: ShapeContext): void {
  if (inputShapes.length < min || inputShapes.length > max) {
    const expected = min === max ? `${min}` : `${min} to ${max}`;
    throw new InputError(`${layerLabel(context)}: expected ${expected} inputs, got ${inputShapes.length}`);
  }
}

/**
 * The output shape of op `op` for these input specs and attributes, by the core's output
 * rule (`inferOpOutput`): a layer that is one op call infers its shape exactly as the op
 * checks its inputs. A rule's error becomes an `InputError` naming the layer.
 *
 * @example
 * ```ts
 * import { build, input, transpose } from '@qaxon/graph';
 * const { init } = build(transpose(input('x'), [1, 0])); // the output shape comes from the transpose rule
 * ```
 */
export function opOutputShape<O extends OpName>(op: O, specs: OpSpecs<O>, attrs: OpAttrs<O>, context: ShapeContext): Shape {
  try {
    return inferOpOutput(op, specs, attrs).shape;
  } catch (error) {
    if (error instanceof GraphError || !(error instanceof QaxonError)) throw error;
    throw new InputError(`${layerLabel(context)}: ${error.message}`, { cause: error });
  }
}
