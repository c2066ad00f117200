import { describeValue } from '@qaxon/tensor';
import { LayerOptionError } from '../errors.js';

/**
 * `attention 'encoder.attention'`: how a builder's option errors name the layer (the
 * builder, and the layer name when one was given).
 *
 * @example
 * ```ts
 * import { input, rmsNorm } from '@qaxon/graph';
 * rmsNorm(input('x'), { name: 'model.norm', epsilon: 0 }); // LayerOptionError: rmsNorm 'model.norm': expected option epsilon ...
 * ```
 */
export function builderLabel(builder: string, name: string | undefined): string {
  return name === undefined ? builder : `${builder} '${name}'`;
}

/**
 * `{ name }` when a name was given, `{}` otherwise: what builders pass on to `layer`.
 *
 * @example
 * ```ts
 * import { input, rmsNorm } from '@qaxon/graph';
 * const named = rmsNorm(input('x'), { name: 'model.norm' }); // a layer named model.norm
 * ```
 */
export function namedLayer(options: { readonly name?: string | undefined }): { name?: string } {
  return options.name === undefined ? {} : { name: options.name };
}

/**
 * Returns `value` when it is a positive safe integer, else throws a `LayerOptionError`
 * naming the builder (`where`) and the option.
 *
 * @example
 * ```ts
 * import { attention, input } from '@qaxon/graph';
 * const x = input('x', { shape: [null, null, 8] });
 * attention(x, x, x, { heads: 0 }); // LayerOptionError: attention: expected option heads to be a positive integer, got 0
 * ```
 */
export function positiveIntegerOption(value: unknown, where: string, option: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) {
    throw new LayerOptionError(`${where}: expected option ${option} to be a positive integer, got ${describeValue(value)}`);
  }
  return value;
}

/**
 * Returns `value` when it is a finite number greater than 0, else throws a
 * `LayerOptionError` naming the builder and the option.
 *
 * @example
 * ```ts
 * import { input, rmsNorm } from '@qaxon/graph';
 * rmsNorm(input('x'), { epsilon: -1 }); // LayerOptionError: rmsNorm: expected option epsilon to be a finite number > 0, got -1
 * ```
 */
export function positiveNumberOption(value: unknown, where: string, option: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || !(value > 0)) {
    throw new LayerOptionError(`${where}: expected option ${option} to be a finite number > 0, got ${describeValue(value)}`);
  }
  return value;
}

/**
 * Returns `value` when it is a boolean, else throws a `LayerOptionError` naming the
 * builder and the option.
 *
 * @example
 * ```ts
 * import { attention, input } from '@qaxon/graph';
 * const x = input('x', { shape: [null, null, 8] });
 * const causal = attention(x, x, x, { heads: 2, causal: true });
 * ```
 */
export function booleanOption(value: unknown, where: string, option: string): boolean {
  if (typeof value !== 'boolean') throw new LayerOptionError(`${where}: expected option ${option} to be a boolean, got ${describeValue(value)}`);
  return value;
}

/**
 * Returns `value` when it is a safe integer, else throws a `LayerOptionError` naming the
 * builder and the option.
 *
 * @example
 * ```ts
 * import { input, softmax } from '@qaxon/graph';
 * const probabilities = softmax(input('x'), { axis: -1 });
 * ```
 */
export function integerOption(value: unknown, where: string, option: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    throw new LayerOptionError(`${where}: expected option ${option} to be an integer, got ${describeValue(value)}`);
  }
  return value;
}

/**
 * Returns a frozen copy of `value` when it is an array of safe integers, else throws a
 * `LayerOptionError` naming the builder, the option and the first bad entry.
 *
 * @example
 * ```ts
 * import { input, transpose } from '@qaxon/graph';
 * const swapped = transpose(input('x'), [0, 2, 1]);
 * ```
 */
export function integerListOption(value: unknown, where: string, option: string): readonly number[] {
  if (!Array.isArray(value)) throw new LayerOptionError(`${where}: expected option ${option} to be an array of integers, got ${describeValue(value)}`);
  value.forEach((entry: unknown, index) => {
    if (typeof entry !== 'number' || !Number.isSafeInteger(entry)) {
      throw new LayerOptionError(`${where}: expected ${option}[${index}] to be an integer, got ${describeValue(entry)}`);
    }
  });
  return Object.freeze([...(value as number[])]);
}
