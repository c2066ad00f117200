/**
 * Errors raised by `@qaxon/graph`. Every message names the layer (or input) and says what
 * was expected and what was given.
 *
 * @module
 */
import { QaxonError } from '@qaxon/tensor';

/**
 * Base class of every error thrown by `@qaxon/graph` (a `QaxonError` of `@qaxon/tensor`).
 *
 * @example
 * ```ts
 * import { GraphError, input, activation, type ActivationName } from '@qaxon/graph';
 * const fromConfig = 'swish-ish' as ActivationName; // names read from untyped data are checked at run time
 * try {
 *   activation(input('x'), fromConfig);
 * } catch (error) {
 *   console.log(error instanceof GraphError); // true
 * }
 * ```
 */
export class GraphError extends QaxonError {
  /** The class name, as a literal so minified bundles keep readable names. */
  override name = 'GraphError';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/**
 * The graph itself is broken: a cycle, a parent id with no node (dangling), an output id
 * that is not in the model, or a value that is not a node where one was expected.
 *
 * @example
 * ```ts
 * import { GraphStructureError, build, input } from '@qaxon/graph';
 * const x = input('x');
 * try {
 *   build({ nodes: x.nodes, output: 12345 });
 * } catch (error) {
 *   console.log(error instanceof GraphStructureError); // true
 * }
 * ```
 */
export class GraphStructureError extends GraphError {
  // A literal, not the constructor's name, so minified bundles keep readable names.
  /** The class name (a literal, kept by minifiers). */
  override name = 'GraphStructureError';
}

/**
 * Two layers of one model resolve to the same name (explicit names must be unique, and
 * must not collide with generated names such as `dense_0`).
 *
 * @example
 * ```ts
 * import { DuplicateNameError, build, dense, input } from '@qaxon/graph';
 * const model = dense(dense(input('x'), 2, { name: 'a' }), 2, { name: 'a' });
 * try {
 *   build(model);
 * } catch (error) {
 *   console.log(error instanceof DuplicateNameError); // true
 * }
 * ```
 */
export class DuplicateNameError extends GraphError {
  // A literal, not the constructor's name, so minified bundles keep readable names.
  /** The class name (a literal, kept by minifiers). */
  override name = 'DuplicateNameError';
}

/**
 * A node's `op` has no implementation in the layer table given to `build`.
 *
 * @example
 * ```ts
 * import { UnknownOpError, build, input, layer } from '@qaxon/graph';
 * try {
 *   build(layer('myOp', [input('x')]));
 * } catch (error) {
 *   console.log(error instanceof UnknownOpError); // true
 * }
 * ```
 */
export class UnknownOpError extends GraphError {
  // A literal, not the constructor's name, so minified bundles keep readable names.
  /** The class name (a literal, kept by minifiers). */
  override name = 'UnknownOpError';
}

/**
 * An activation name that is not one of `ACTIVATION_NAMES`.
 *
 * @example
 * ```ts
 * import { UnknownActivationError, activation, input, type ActivationName } from '@qaxon/graph';
 * const fromConfig = 'relu7' as ActivationName; // names read from untyped data are checked at run time
 * try {
 *   activation(input('x'), fromConfig);
 * } catch (error) {
 *   console.log(error instanceof UnknownActivationError); // true
 * }
 * ```
 */
export class UnknownActivationError extends GraphError {
  // A literal, not the constructor's name, so minified bundles keep readable names.
  /** The class name (a literal, kept by minifiers). */
  override name = 'UnknownActivationError';
}

/**
 * An initializer name that is not one of `INITIALIZER_NAMES` (and not a function).
 *
 * @example
 * ```ts
 * import { UnknownInitializerError, dense, input } from '@qaxon/graph';
 * try {
 *   dense(input('x'), 2, { kernelInitializer: 'xavier' as never });
 * } catch (error) {
 *   console.log(error instanceof UnknownInitializerError); // true
 * }
 * ```
 */
export class UnknownInitializerError extends GraphError {
  // A literal, not the constructor's name, so minified bundles keep readable names.
  /** The class name (a literal, kept by minifiers). */
  override name = 'UnknownInitializerError';
}

/**
 * A builder was given an invalid option (units that are not a positive integer, a
 * dropout rate outside [0, 1), a non-integer axis, ...).
 *
 * @example
 * ```ts
 * import { LayerOptionError, dense, input } from '@qaxon/graph';
 * try {
 *   dense(input('x'), 0);
 * } catch (error) {
 *   console.log(error instanceof LayerOptionError); // true
 * }
 * ```
 */
export class LayerOptionError extends GraphError {
  // A literal, not the constructor's name, so minified bundles keep readable names.
  /** The class name (a literal, kept by minifiers). */
  override name = 'LayerOptionError';
}

/**
 * A model input is missing, is not a tensor (or template), or has a shape that does not
 * fit the input's declared shape or the layers that consume it.
 *
 * @example
 * ```ts
 * import { InputError, build, dense, input } from '@qaxon/graph';
 * import { template } from '@qaxon/tensor';
 * const { init } = build(dense(input('x'), 2));
 * try {
 *   init({ y: template([1, 3]) });
 * } catch (error) {
 *   console.log(error instanceof InputError); // true: input 'x' is missing
 * }
 * ```
 */
export class InputError extends GraphError {
  // A literal, not the constructor's name, so minified bundles keep readable names.
  /** The class name (a literal, kept by minifiers). */
  override name = 'InputError';
}

/**
 * A model state lacks a parameter the model needs, holds one with the wrong shape or kind
 * (an f32 tensor where a QTensor is needed, or the reverse), or an initializer returned a
 * value of the wrong shape.
 *
 * @example
 * ```ts
 * import { ModelState, ParameterError, build, dense, input } from '@qaxon/graph';
 * import { ones } from '@qaxon/tensor';
 * const { predict } = build(dense(input('x'), 2));
 * predict(ModelState.empty(), ones([1, 3])).catch((error) => {
 *   console.log(error instanceof ParameterError); // true: dense_0.kernel is missing
 * });
 * ```
 */
export class ParameterError extends GraphError {
  // A literal, not the constructor's name, so minified bundles keep readable names.
  /** The class name (a literal, kept by minifiers). */
  override name = 'ParameterError';
}

/**
 * An error raised while a layer ran (by a backend kernel or a layer implementation),
 * wrapped so that the message names the layer; the original error is `cause`.
 *
 * @example
 * ```ts
 * import { LayerError } from '@qaxon/graph';
 * const error = new LayerError('layer dense_0 (op dense): kernel failed', { cause: new Error('kernel failed') });
 * console.log(error.cause instanceof Error); // true
 * ```
 */
export class LayerError extends GraphError {
  // A literal, not the constructor's name, so minified bundles keep readable names.
  /** The class name (a literal, kept by minifiers). */
  override name = 'LayerError';
}

/**
 * A built model was used after its `dispose()`: its weight handles were released, so
 * `init`, `predict` and `place` refuse to run. Build the model again.
 *
 * @example
 * ```ts
 * import { DisposedModelError, ModelState, build, dense, input } from '@qaxon/graph';
 * import { ones } from '@qaxon/tensor';
 * const built = build(dense(input('x'), 2));
 * built.dispose();
 * built.predict(ModelState.empty(), ones([1, 3])).catch((error) => {
 *   console.log(error instanceof DisposedModelError); // true
 * });
 * ```
 */
export class DisposedModelError extends GraphError {
  // A literal, not the constructor's name, so minified bundles keep readable names.
  /** The class name (a literal, kept by minifiers). */
  override name = 'DisposedModelError';
}
