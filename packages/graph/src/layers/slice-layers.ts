import { formatShape, type Shape } from '@qaxon/tensor';
import { InputError } from '../errors.js';
import { layerLabel, type OpLayerImplementation, type ShapeContext } from './layer-implementation.js';
import { expectInputCount, f32Spec, opOutputShape } from './op-shape.js';

/** Full-rank `begin` and `size` of a slice; `-1` in `size` runs to the end of the axis. */
interface SliceBounds {
  begin: number[];
  size: number[];
}

function normalizeAxis(axis: number, rank: number, x: Shape, context: ShapeContext): number {
  if (axis < -rank || axis >= rank) throw new InputError(`${layerLabel(context)}: expected axis in [${-rank}, ${rank - 1}] for an input of shape ${formatShape(x)}, got ${axis}`);
  return axis < 0 ? axis + rank : axis;
}

/** The slice's full-rank bounds: `begin`/`size` as given, or only on `axes` (the others whole). */
function sliceBounds(x: Shape, context: ShapeContext): SliceBounds {
  const { begin, size, axes } = context.node.opts as { begin: readonly number[]; size: readonly number[]; axes?: readonly number[] };
  if (axes === undefined) return { begin: [...begin], size: [...size] };
  const full: SliceBounds = { begin: x.map(() => 0), size: x.map(() => -1) };
  axes.forEach((axis, position) => {
    const normalized = normalizeAxis(axis, x.length, x, context);
    full.begin[normalized] = begin[position]!;
    full.size[normalized] = size[position]!;
  });
  return full;
}

/** The bounds of part `index` of a split along `axis` into `parts` equal parts or the given `sizes`. */
function splitBounds(x: Shape, context: ShapeContext): SliceBounds {
  const { axis, parts, sizes, index } = context.node.opts as { axis: number; parts?: number; sizes?: readonly number[]; index: number };
  const normalized = normalizeAxis(axis, x.length, x, context);
  const dimension = x[normalized]!;
  let lengths: readonly number[];
  if (sizes !== undefined) {
    const total = sizes.reduce((sum, length) => sum + length, 0);
    if (total !== dimension) {
      throw new InputError(`${layerLabel(context)}: expected the split sizes [${sizes.join(', ')}] to add up to axis ${axis} of ${formatShape(x)} (${dimension}), got ${total}`);
    }
    lengths = sizes;
  } else {
    if (dimension % parts! !== 0) throw new InputError(`${layerLabel(context)}: cannot split axis ${axis} of ${formatShape(x)} (${dimension}) into ${parts} equal parts`);
    lengths = Array.from({ length: parts! }, () => dimension / parts!);
  }
  const begin = x.map(() => 0);
  const size = x.map(() => -1);
  begin[normalized] = lengths.slice(0, index).reduce((sum, length) => sum + length, 0);
  size[normalized] = lengths[index]!;
  return { begin, size };
}

function sliceLike(bounds: (x: Shape, context: ShapeContext) => SliceBounds): OpLayerImplementation {
  return {
    outputShape(inputShapes, context) {
      expectInputCount(inputShapes, 1, 1, context);
      return opOutputShape('slice', { x: f32Spec(inputShapes[0]!) }, bounds(inputShapes[0]!, context), context);
    },
    predict: ([x], _parameters, context) => context.run('slice', { x: x! }, bounds(x!.shape, context)),
  };
}

/**
 * The `slice` layer: one `slice` op call with the node's `begin` and `size` (negative
 * `begin` counts from the end, `size` -1 runs to the end), on every axis, or on the
 * node's `axes` only (the others kept whole).
 *
 * @example
 * ```ts
 * import { BUILT_IN_LAYERS } from '@qaxon/graph';
 * console.log('slice' in BUILT_IN_LAYERS); // true
 * ```
 */
export const sliceLayer: OpLayerImplementation = sliceLike(sliceBounds);

/**
 * The `split` layer: part `index` of the input split along `axis` into `parts` equal
 * parts or parts of the given `sizes`, as one `slice` op call. `split(x, ...)` makes one
 * such layer per part.
 *
 * @example
 * ```ts
 * import { BUILT_IN_LAYERS } from '@qaxon/graph';
 * console.log('split' in BUILT_IN_LAYERS); // true
 * ```
 */
export const splitLayer: OpLayerImplementation = sliceLike(splitBounds);
