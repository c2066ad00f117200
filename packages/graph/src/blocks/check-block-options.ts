import { describeValue } from '@qaxon/tensor';
import { LayerOptionError } from '../errors.js';
import { isModel, type Model } from '../model.js';

/**
 * Checks what every block needs: `x` a model, options an object with a non-empty
 * `prefix`, `mask` absent or a model. Throws a `LayerOptionError` naming the block.
 *
 * @example
 * ```ts
 * import { encoderBlock, input } from '@qaxon/graph';
 * encoderBlock(input('x', { shape: [null, null, 8] }), { prefix: '', heads: 2, intermediate: 16 }); // LayerOptionError: expected option prefix ...
 * ```
 */
export function checkBlockOptions(x: Model, options: { prefix?: unknown; mask?: unknown }, block: string): void {
  if (options === null || typeof options !== 'object') throw new LayerOptionError(`${block}: expected an options object with prefix, heads, ..., got ${describeValue(options)}`);
  if (typeof options.prefix !== 'string' || options.prefix.length === 0) {
    throw new LayerOptionError(`${block}: expected option prefix to be a non-empty string (the checkpoint's layer prefix, e.g. 'model.layers.0'), got ${describeValue(options.prefix)}`);
  }
  if (!isModel(x)) throw new LayerOptionError(`${block} '${options.prefix}': expected x to be a model [batch, tokens, hidden], got ${describeValue(x)}`);
  if (options.mask !== undefined && !isModel(options.mask)) {
    throw new LayerOptionError(`${block} '${options.prefix}': expected option mask to be a model (an s32 input [batch, keys]), got ${describeValue(options.mask)}`);
  }
}
