import { ShapeError, broadcastShapes, formatShape, normalizeAxis, type Handle, type MaybePromise, type Shape } from '@qaxon/tensor';
import { InputError } from '../errors.js';
import { layerLabel, type LayerContext, type OpLayerImplementation, type ShapeContext } from './layer-implementation.js';

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

/** `((x0 op x1) op x2) ...`: one binary op call per further input, left to right (no promise while the kernels are synchronous). */
function foldBinary(op: 'add' | 'multiply', inputs: readonly Handle[], context: LayerContext, from = 1, result = inputs[0]!): MaybePromise<Handle> {
  for (let index = from; index < inputs.length; index++) {
    const next = context.run(op, { a: result, b: inputs[index]! }, {});
    if (next instanceof Promise) return next.then((handle) => foldBinary(op, inputs, context, index + 1, handle));
    result = next;
  }
  return result;
}

/**
 * The `add` op: elementwise sum of all inputs, broadcasting.
 *
 * @example
 * ```ts
 * import { addLayer } from '@qaxon/graph/internals';
 * console.log(typeof addLayer.predict); // function
 * ```
 */
export const addLayer: OpLayerImplementation = {
  outputShape: broadcastAll,
  predict: (inputs, _parameters, context) => foldBinary('add', inputs, context),
};

/**
 * The `multiply` op: elementwise product of all inputs, broadcasting.
 *
 * @example
 * ```ts
 * import { multiplyLayer } from '@qaxon/graph/internals';
 * console.log(typeof multiplyLayer.predict); // function
 * ```
 */
export const multiplyLayer: OpLayerImplementation = {
  outputShape: broadcastAll,
  predict: (inputs, _parameters, context) => foldBinary('multiply', inputs, context),
};

/**
 * The `concatenate` op: joins the inputs along `opts.axis` (negative counts from the end).
 *
 * @example
 * ```ts
 * import { concatenateLayer } from '@qaxon/graph/internals';
 * console.log(typeof concatenateLayer.predict); // function
 * ```
 */
export const concatenateLayer: OpLayerImplementation = {
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
    return context.run('concatenate', { xs: inputs }, { axis: normalizeAxisFor(context, inputs[0]!.shape.length) });
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
