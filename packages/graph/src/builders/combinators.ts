import { describeValue } from '@qaxon/tensor';
import { LayerOptionError } from '../errors.js';
import { isModel, type Model } from '../model.js';
import { layer } from './layer.js';

/**
 * Options of {@link add} and {@link multiply}.
 *
 * @example
 * ```ts
 * import type { CombinatorOptions } from '@qaxon/graph';
 * const options: CombinatorOptions = { name: 'residual' };
 * ```
 */
export interface CombinatorOptions {
  /** Explicit layer name. */
  name?: string;
}

/**
 * Options of {@link concatenate}.
 *
 * @example
 * ```ts
 * import type { ConcatenateOptions } from '@qaxon/graph';
 * const options: ConcatenateOptions = { axis: 1 };
 * ```
 */
export interface ConcatenateOptions extends CombinatorOptions {
  /** Axis to join along; negative counts from the end (default -1, the last). */
  axis?: number;
}

function combinator(op: string, first: Model | readonly Model[], second: Model | CombinatorOptions | undefined, third: CombinatorOptions | undefined): [Model[], CombinatorOptions] {
  const [inputs, options] = Array.isArray(first)
    ? [[...(first as readonly Model[])], (second as CombinatorOptions | undefined) ?? {}]
    : [[first as Model, second as Model], third ?? {}];
  if (inputs.length < 2) throw new LayerOptionError(`${op}: expected at least 2 input models, got ${inputs.length}`);
  inputs.forEach((model, index) => {
    if (!isModel(model)) throw new LayerOptionError(`${op}: expected input ${index} to be a model, got ${describeValue(model)}`);
  });
  return [inputs, options];
}

/**
 * Adds an elementwise sum of two or more layers (shapes broadcast as NumPy does). Pass two
 * models, or an array of models. Unlike Axon, no separate `container` node is created, so
 * no `container_<n>` names appear.
 *
 * @example
 * ```ts
 * import { add, dense, input } from '@qaxon/graph';
 * const x = input('x', { shape: [null, 4] });
 * const residual = add(x, dense(x, 4));
 * const three = add([x, x, x], { name: 'sum3' });
 * ```
 */
export function add(a: Model, b: Model, options?: CombinatorOptions): Model;
export function add(inputs: readonly Model[], options?: CombinatorOptions): Model;
export function add(first: Model | readonly Model[], second?: Model | CombinatorOptions, third?: CombinatorOptions): Model {
  const [inputs, options] = combinator('add', first, second, third);
  return layer('add', inputs, { ...(options.name === undefined ? {} : { name: options.name }), opName: 'add' });
}

/**
 * Adds an elementwise product of two or more layers (shapes broadcast).
 *
 * @example
 * ```ts
 * import { input, multiply, sigmoid } from '@qaxon/graph';
 * const x = input('x');
 * const gated = multiply(x, sigmoid(x));
 * ```
 */
export function multiply(a: Model, b: Model, options?: CombinatorOptions): Model;
export function multiply(inputs: readonly Model[], options?: CombinatorOptions): Model;
export function multiply(first: Model | readonly Model[], second?: Model | CombinatorOptions, third?: CombinatorOptions): Model {
  const [inputs, options] = combinator('multiply', first, second, third);
  return layer('multiply', inputs, { ...(options.name === undefined ? {} : { name: options.name }), opName: 'multiply' });
}

/**
 * Joins two or more layers along an axis (default the last, as Axon). All other axes must
 * be equal.
 *
 * @example
 * ```ts
 * import { concatenate, input } from '@qaxon/graph';
 * const joined = concatenate(input('a', { shape: [null, 2] }), input('b', { shape: [null, 3] })); // [.., 5]
 * ```
 */
export function concatenate(a: Model, b: Model, options?: ConcatenateOptions): Model;
export function concatenate(inputs: readonly Model[], options?: ConcatenateOptions): Model;
export function concatenate(first: Model | readonly Model[], second?: Model | ConcatenateOptions, third?: ConcatenateOptions): Model {
  const [inputs, options] = combinator('concatenate', first, second, third);
  const axis = (options as ConcatenateOptions).axis ?? -1;
  if (!Number.isSafeInteger(axis)) throw new LayerOptionError(`concatenate: expected an integer axis, got ${describeValue(axis)}`);
  return layer('concatenate', inputs, { ...(options.name === undefined ? {} : { name: options.name }), opName: 'concatenate', opts: { axis } });
}
