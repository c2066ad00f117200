import { ShapeError, formatShape, resolveShape, sizeOf, type Shape } from '@qaxon/tensor';
import type { ReshapeDimension } from '../builders/shape-layers.js';
import { InputError } from '../errors.js';
import { layerLabel, type OpLayerImplementation, type ShapeContext } from './layer-implementation.js';

function singleInput(inputShapes: readonly Shape[], context: ShapeContext): Shape {
  if (inputShapes.length !== 1) throw new InputError(`${layerLabel(context)}: expected exactly 1 input, got ${inputShapes.length}`);
  return inputShapes[0]!;
}

function flattenShape(inputShapes: readonly Shape[], context: ShapeContext): Shape {
  const x = singleInput(inputShapes, context);
  if (x.length === 0) throw new InputError(`${layerLabel(context)}: expected an input of rank >= 1 [batch, ...], got a scalar (shape [])`);
  return [x[0]!, sizeOf(x.slice(1))];
}

/**
 * The `flatten` op: `[b, d1, d2, ...] -> [b, d1·d2·...]` (one `reshape` op call).
 *
 * @example
 * ```ts
 * import { flattenLayer } from '@qaxon/graph/internals';
 * console.log(typeof flattenLayer.predict); // function
 * ```
 */
export const flattenLayer: OpLayerImplementation = {
  outputShape: flattenShape,
  predict: ([x], _parameters, context) => context.run('reshape', { x: x! }, { shape: flattenShape([x!.shape], context) }),
};

function reshapeShape(inputShapes: readonly Shape[], context: ShapeContext): Shape {
  const x = singleInput(inputShapes, context);
  const target = context.node.opts['shape'] as readonly ReshapeDimension[];
  const withBatch = target.map((dimension) => {
    if (dimension !== 'batch') return dimension;
    if (x.length === 0) throw new InputError(`${layerLabel(context)}: 'batch' needs an input of rank >= 1, got a scalar`);
    return x[0]!;
  });
  try {
    return resolveShape(withBatch, sizeOf(x), x);
  } catch (error) {
    if (!(error instanceof ShapeError)) throw error;
    throw new InputError(`${layerLabel(context)}: cannot reshape an input of shape ${formatShape(x)} to [${target.join(', ')}]: ${error.message}`, {
      cause: error,
    });
  }
}

/**
 * The `reshape` op: the input's elements under `opts.shape` (`'batch'` is the input's
 * first axis, one `-1` is inferred). No copy.
 *
 * @example
 * ```ts
 * import { reshapeLayer } from '@qaxon/graph/internals';
 * console.log(typeof reshapeLayer.predict); // function
 * ```
 */
export const reshapeLayer: OpLayerImplementation = {
  outputShape: reshapeShape,
  predict: ([x], _parameters, context) => context.run('reshape', { x: x! }, { shape: reshapeShape([x!.shape], context) }),
};

/**
 * The `dropout` op at inference: the identity.
 *
 * @example
 * ```ts
 * import { dropoutLayer } from '@qaxon/graph/internals';
 * console.log(typeof dropoutLayer.predict); // function
 * ```
 */
export const dropoutLayer: OpLayerImplementation = {
  outputShape: singleInput,
  predict: ([x]) => x!,
};
