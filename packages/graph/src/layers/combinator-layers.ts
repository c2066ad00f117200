import { ShapeError, add, broadcastShapes, concatenate, formatShape, multiply, normalizeAxis, type Shape, type Tensor } from '@qaxon/tensor';
import { InputError } from '../errors.js';
import { layerLabel, type LayerImplementation, type ShapeContext } from './layer-implementation.js';

function broadcastAll(inputShapes: readonly Shape[], context: ShapeContext): Shape {
  if (inputShapes.length < 2) throw new InputError(`${layerLabel(context)}: expected at least 2 inputs, got ${inputShapes.length}`);
  try {
    return inputShapes.slice(1).reduce<Shape>((shape, next) => broadcastShapes(shape, next, layerLabel(context)), inputShapes[0]!);
  } catch (error) {
    if (!(error instanceof ShapeError)) throw error;
    throw new InputError(
      `${layerLabel(context)}: expected input shapes that broadcast together, got ${inputShapes.map((shape) => formatShape(shape)).join(', ')}`,
      { cause: error },
    );
  }
}

/**
 * The `add` op: elementwise sum of all inputs, broadcasting.
 *
 * @example
 * ```ts
 * import { addLayer } from '@qaxon/graph';
 * console.log(typeof addLayer.predict); // function
 * ```
 */
export const addLayer: LayerImplementation = {
  outputShape: broadcastAll,
  predict: (inputs) => inputs.slice(1).reduce<Tensor>((sum, next) => add(sum, next), inputs[0]!),
};

/**
 * The `multiply` op: elementwise product of all inputs, broadcasting.
 *
 * @example
 * ```ts
 * import { multiplyLayer } from '@qaxon/graph';
 * console.log(typeof multiplyLayer.predict); // function
 * ```
 */
export const multiplyLayer: LayerImplementation = {
  outputShape: broadcastAll,
  predict: (inputs) => inputs.slice(1).reduce<Tensor>((product, next) => multiply(product, next), inputs[0]!),
};

/**
 * The `concatenate` op: joins the inputs along `opts.axis` (negative counts from the end).
 *
 * @example
 * ```ts
 * import { concatenateLayer } from '@qaxon/graph';
 * console.log(typeof concatenateLayer.predict); // function
 * ```
 */
export const concatenateLayer: LayerImplementation = {
  outputShape(inputShapes, context) {
    if (inputShapes.length < 2) throw new InputError(`${layerLabel(context)}: expected at least 2 inputs, got ${inputShapes.length}`);
    const first = inputShapes[0]!;
    const rank = first.length;
    const axis = normalizeAxisFor(context, rank);
    const out = [...first];
    for (const shape of inputShapes.slice(1)) {
      const fits = shape.length === rank && shape.every((dimension, i) => i === axis || dimension === first[i]);
      if (!fits) {
        throw new InputError(
          `${layerLabel(context)}: expected inputs equal on every axis but ${axis}, got ${inputShapes.map((s) => formatShape(s)).join(', ')}`,
        );
      }
      out[axis]! += shape[axis]!;
    }
    return out;
  },
  predict(inputs, _parameters, context) {
    return concatenate(inputs, normalizeAxisFor(context, inputs[0]!.rank));
  },
};

function normalizeAxisFor(context: ShapeContext, rank: number): number {
  const axis = (context.node.opts['axis'] as number | undefined) ?? -1;
  try {
    return normalizeAxis(axis, rank, layerLabel(context));
  } catch (error) {
    throw new InputError(`${layerLabel(context)}: axis ${axis} does not exist for inputs of rank ${rank}`, { cause: error });
  }
}
