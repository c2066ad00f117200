import type { Model, ModelOutput, ModelState } from '@qaxon/graph';
import { checkModel, checkOptions, checkState } from './check-arguments.js';
import { quantizeModel, type QuantizeOptions } from './quantize-model.js';
import { quantizeModelState } from './quantize-model-state.js';

/**
 * Quantizes a model and its state together (Axon's `quantize/2`): every selected dense
 * layer becomes a weight-only int8 dense layer and its kernel an int8 {@link QTensor}
 * with one scale per output unit (with `{ type: 's4', groupSize: 32 }`: a 4-bit kernel,
 * two values per byte, one scale per group of 32 inputs and output unit; quantize an
 * output head you want in s8 in a second call); those layers' parameters are frozen. The arguments are
 * checked first: anything other than a model, a `ModelState` and options (e.g. `null`)
 * is a {@link QuantizationError} naming the argument, and nothing is quantized.
 *
 * @example
 * ```ts
 * import { build, dense, input } from '@qaxon/graph';
 * import { quantize } from '@qaxon/quantization';
 * import { ones, template } from '@qaxon/tensor';
 * const model = dense(input('input'), 10, { activation: 'relu' });
 * const state = build(model).init(template([1, 1]));
 * const [qModel, qState] = quantize(model, state);
 * const y = await build(qModel).predict(qState, ones([1, 1]));
 * console.log(qState.byteSize() < state.byteSize()); // true
 * // 4-bit in groups of 32, except `head`, which a second call keeps in s8:
 * // const [m4, s4] = quantize(model, state, { type: 's4', groupSize: 32, filter: (node) => node.name !== 'head' });
 * // const [mixed, mixedState] = quantize(m4, s4);
 * ```
 */
export function quantize<O extends ModelOutput>(model: Model<O>, state: ModelState, options: QuantizeOptions = {}): [Model<O>, ModelState] {
  checkModel(model, 'quantize');
  checkState(state, 'quantize');
  checkOptions(options, 'quantize');
  return [quantizeModel(model, options), quantizeModelState(model, state, options)];
}
