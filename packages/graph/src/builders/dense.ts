import { describeValue, type Shape } from '@qaxon/tensor';
import { checkActivationName, type ActivationName } from '../activations/table.js';
import { LayerOptionError } from '../errors.js';
import type { InitializerSpec } from '../initializers/initializer.js';
import type { Model, Parameter } from '../model.js';
import { activation } from './activations.js';
import { layer } from './layer.js';

/**
 * Options of {@link dense}.
 *
 * @example
 * ```ts
 * import type { DenseOptions } from '@qaxon/graph';
 * const options: DenseOptions = { activation: 'relu', kernelInitializer: 'heUniform' };
 * ```
 */
export interface DenseOptions {
  /** Explicit layer name (otherwise `dense_<n>`). */
  name?: string;
  /** Adds a separate activation node after the dense node, as Axon does. */
  activation?: ActivationName;
  /** Whether the layer has a `bias` parameter (default true). */
  useBias?: boolean;
  /** Initializer of `kernel` `[in, units]` (default `'glorotUniform'`). */
  kernelInitializer?: InitializerSpec;
  /** Initializer of `bias` `[units]` (default `'zeros'`). */
  biasInitializer?: InitializerSpec;
  /** Free-form metadata carried on the node. */
  meta?: Readonly<Record<string, unknown>>;
}

/**
 * Options of {@link denseParameters}.
 *
 * @example
 * ```ts
 * import type { DenseParameterOptions } from '@qaxon/graph';
 * const options: DenseParameterOptions = { useBias: false };
 * ```
 */
export interface DenseParameterOptions {
  /** Declare a `bias` parameter too (default true). */
  useBias?: boolean;
  /** Initializer of `kernel` (default `'glorotUniform'`). */
  kernelInitializer?: InitializerSpec;
  /** Initializer of `bias` (default `'zeros'`). */
  biasInitializer?: InitializerSpec;
}

/**
 * The shape of a dense kernel for an input whose last axis is `in`: `[in, units]`.
 *
 * @example
 * ```ts
 * import { denseKernelShape } from '@qaxon/graph';
 * console.log(denseKernelShape([[32, 784]], 128)); // [784, 128]
 * ```
 */
export function denseKernelShape(inputShapes: readonly Shape[], units: number): Shape {
  const x = inputShapes[0];
  if (x === undefined || x.length === 0) {
    throw new LayerOptionError(`dense kernel: expected an input of rank >= 1, got ${x === undefined ? 'no input' : '[] (a scalar)'}`);
  }
  return [x[x.length - 1]!, units];
}

/**
 * The parameters of a dense layer of `units` outputs: `kernel` `[in, units]` and, when
 * `useBias`, `bias` `[units]`. Shared by {@link dense} and by layers that compute the same
 * function another way (the weight-only int8 dense of `@qaxon/quantization`).
 *
 * @example
 * ```ts
 * import { denseParameters, input, layer } from '@qaxon/graph';
 * const same = layer('dense', [input('x')], { parameters: denseParameters(4), opts: { units: 4, useBias: true } });
 * ```
 */
export function denseParameters(units: number, options: DenseParameterOptions = {}): Parameter[] {
  checkUnits(units, 'denseParameters');
  const kernel: Parameter = {
    name: 'kernel',
    shape: (inputShapes) => denseKernelShape(inputShapes, units),
    initializer: options.kernelInitializer ?? 'glorotUniform',
  };
  if (options.useBias === false) return [kernel];
  const bias: Parameter = { name: 'bias', shape: () => [units], initializer: options.biasInitializer ?? 'zeros' };
  return [kernel, bias];
}

/**
 * Adds a dense (fully connected) layer: `y = x · kernel + bias` over the last axis of
 * `x` (`[..., in] -> [..., units]`), run by the backend's `dense` kernel. With
 * `activation`, a separate activation node follows (so `dense(x, 10, {activation: 'relu'})`
 * is `dense_0` then `relu_0`, exactly as in Axon). The node has op and opName `'dense'`
 * and opts `{ units, useBias }`.
 *
 * @example
 * ```ts
 * import { dense, input } from '@qaxon/graph';
 * const model = dense(dense(input('x', { shape: [null, 784] }), 128, { activation: 'relu' }), 10);
 * ```
 */
export function dense(x: Model, units: number, options: DenseOptions = {}): Model {
  checkUnits(units, options.name ?? 'dense');
  const useBias = options.useBias ?? true;
  if (typeof useBias !== 'boolean') throw new LayerOptionError(`dense: expected useBias to be a boolean, got ${describeValue(useBias)}`);
  const activationName = options.activation === undefined ? undefined : checkActivationName(options.activation, 'dense option activation');
  const node = layer('dense', [x], {
    ...(options.name === undefined ? {} : { name: options.name }),
    opName: 'dense',
    parameters: denseParameters(units, { ...options, useBias }),
    meta: options.meta ?? {},
    opts: { units, useBias },
  });
  return activationName === undefined ? node : activation(node, activationName);
}

function checkUnits(units: number, where: string): void {
  if (!Number.isSafeInteger(units) || units <= 0) {
    throw new LayerOptionError(`${where}: expected units to be a positive integer, got ${describeValue(units)}`);
  }
}
