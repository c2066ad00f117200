import { describeValue } from '@qaxon/tensor';
import { LayerOptionError } from '../errors.js';
import { planGraph } from '../executor/plan.js';
import { inferShapes } from '../executor/shapes.js';
import { BUILT_IN_LAYERS } from '../layers/built-in-layers.js';
import type { Model } from '../model.js';
import { positiveIntegerOption } from '../builders/check-options.js';

/**
 * The last axis of `x`'s output as far as the declared input shapes fix it (axes declared
 * `null` taken as 1), or `undefined` when they do not (an input without a declared shape,
 * a custom layer, a last axis that depends on a `null` axis).
 */
function declaredWidth(x: Model): number | undefined {
  try {
    const plan = planGraph(x, BUILT_IN_LAYERS);
    const probes = [1, 2].map((free) =>
      inferShapes(plan, (step) => {
        const declared = step.node.opts['shape'] as readonly (number | null)[] | null | undefined;
        if (declared === null || declared === undefined) throw new LayerOptionError(`input '${step.name}' declares no shape`);
        return declared.map((dimension) => dimension ?? free);
      }).at(-1)!.outputShape.at(-1),
    );
    return probes[0] !== undefined && probes[0] === probes[1] ? probes[0] : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The model width (hidden size) a block works at: the `hidden` option when given, else
 * the last axis of `x` as its inputs' declared shapes fix it. Throws a `LayerOptionError`
 * naming the block and asking for `hidden` when neither gives it.
 *
 * @example
 * ```ts
 * import { encoderBlock, input } from '@qaxon/graph';
 * const x = input('hidden', { shape: [null, null, 64] });
 * const block = encoderBlock(x, { prefix: 'layer.0', heads: 4, intermediate: 256 }); // hidden 64, read from the input's shape
 * ```
 */
export function blockWidth(x: Model, hidden: number | undefined, where: string): number {
  if (hidden !== undefined) return positiveIntegerOption(hidden, where, 'hidden');
  const width = declaredWidth(x);
  if (width === undefined) {
    throw new LayerOptionError(
      `${where}: expected option hidden (the model width), got ${describeValue(hidden)}, and the input's declared shapes do not fix its last axis (declare input(..., { shape: [null, null, width] }) or pass hidden)`,
    );
  }
  return width;
}
