import { QaxonError } from '@qaxon/tensor';

/**
 * An error from `@qaxon/quantization`: a state that lacks a dense layer's kernel, a
 * quantized node without a QTensor, a bias of the wrong kind, ... The message names the
 * layer and says what was expected and what was given. A `QaxonError` of `@qaxon/tensor`.
 *
 * @example
 * ```ts
 * import { ModelState, dense, input } from '@qaxon/graph';
 * import { QuantizationError, quantizeModelState } from '@qaxon/quantization';
 * try {
 *   quantizeModelState(dense(input('x'), 2), ModelState.empty());
 * } catch (error) {
 *   console.log(error instanceof QuantizationError); // true: dense_0 has no kernel
 * }
 * ```
 */
export class QuantizationError extends QaxonError {
  // A literal, not the constructor's name, so minified bundles keep readable names.
  override name = 'QuantizationError';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}
