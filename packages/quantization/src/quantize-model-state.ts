import { describeParameterValue, isHandle, reduceNodes, type Model, type ModelOutput, type ModelState } from '@qaxon/graph';
import { QTensor, Tensor, describeValue, listNames } from '@qaxon/tensor';
import { checkModel, checkOptions, checkState } from './check-arguments.js';
import { QuantizationError } from './errors.js';
import { quantizeEmbeddingTables } from './quantize-embedding-tables.js';
import { isDenseLike, kernelLayoutOf, selected, type QuantizeOptions } from './quantize-model.js';

/**
 * Replaces every dense layer's `kernel` in a model state by its int8 {@link QTensor} and
 * freezes all of that layer's parameters (Axon's `quantize_model_state/2`: training
 * quantized layers is not supported). With `embeddings: true`, every embedding table is
 * quantized too, per row. Other layers and the input state are untouched.
 * Layers whose kernel is already a QTensor are left as they are: quantizing twice is a
 * no-op, never a double quantization.
 *
 * Throws a {@link QuantizationError} when the arguments are not a model, a `ModelState` and
 * options (checked at entry), when a dense layer has no kernel in the state, and the
 * errors of {@link QTensor.fromTensor} (naming `<layer>.kernel`) for kernels that are not
 * float32 rank 2 or hold NaN/Infinity.
 *
 * @example
 * ```ts
 * import { build, dense, input } from '@qaxon/graph';
 * import { quantizeModelState } from '@qaxon/quantization';
 * import { QTensor, template } from '@qaxon/tensor';
 * const model = dense(input('input'), 10, { activation: 'relu' });
 * const state = build(model).init(template([1, 1]));
 * const quantized = quantizeModelState(model, state);
 * console.log(quantized.data.dense_0!.kernel instanceof QTensor); // true
 * console.log(quantized.isFrozen('dense_0', 'bias')); // true
 * ```
 */
export function quantizeModelState(model: Model<ModelOutput>, state: ModelState, options: QuantizeOptions = {}): ModelState {
  checkModel(model, 'quantizeModelState');
  checkState(state, 'quantizeModelState');
  checkOptions(options, 'quantizeModelState');
  const layers = reduceNodes(model, [] as string[], (node, names, info) =>
    isDenseLike(node) && selected(node, info, options) ? [...names, info.name] : names,
  );
  let result = state;
  for (const layerName of layers) {
    const kernel = state.get(layerName, 'kernel');
    if (kernel instanceof QTensor) continue;
    if (kernel === undefined) {
      const present = Object.keys(state.data[layerName] ?? {});
      throw new QuantizationError(
        `quantizeModelState: expected dense layer '${layerName}' to have a 'kernel' in the state, got ${
          present.length === 0 ? 'no parameters for that layer' : `only ${listNames(present)}`
        } (initialize the model or load its weights first)`,
      );
    }
    if (!(kernel instanceof Tensor)) {
      const placed = isHandle(kernel) ? ' (a handle on a backend: quantize the host state, then place it)' : '';
      throw new QuantizationError(`quantizeModelState: expected '${layerName}.kernel' to be a Tensor, got ${isHandle(kernel) ? describeParameterValue(kernel) : describeValue(kernel)}${placed}`);
    }
    result = result.set(layerName, 'kernel', QTensor.fromTensor(kernel, { ...kernelLayoutOf(options), name: `${layerName}.kernel` }));
    result = result.freeze(([layer]) => layer === layerName);
  }
  return options.embeddings === true ? quantizeEmbeddingTables(model, result, options) : result;
}
