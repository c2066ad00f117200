import { describeParameterValue, isHandle, reduceNodes, type Model, type ModelOutput, type ModelState } from '@qaxon/graph';
import { QTensor, Tensor, describeValue } from '@qaxon/tensor';
import { QuantizationError } from './errors.js';
import { selected, type QuantizeOptions } from './quantize-model.js';

/**
 * Replaces the `kernel [vocabSize, dim]` of every `embedding` layer (that `options.filter`
 * keeps) by an int8 {@link QTensor} quantized per row (axis 0: one scale per token, so a
 * rare token's small row keeps its precision) and freezes it. The `embedding` layer's
 * `gather` op reads such a table as it is, so the model needs no change. Tables already
 * quantized are left as they are. What `quantize(model, state, { embeddings: true })`
 * adds to the dense layers.
 *
 * @example
 * ```ts
 * import { build, embedding, input } from '@qaxon/graph';
 * import { QTensor, template } from '@qaxon/tensor';
 * import { quantizeModelState } from '@qaxon/quantization';
 * const model = embedding(input('ids', { dtype: 's32' }), 100, 16, { name: 'embed' });
 * const state = build(model).init(template([1, 4], 's32'));
 * const quantized = quantizeModelState(model, state, { embeddings: true });
 * console.log((quantized.get('embed', 'kernel') as QTensor).axis); // 0
 * ```
 */
export function quantizeEmbeddingTables(model: Model<ModelOutput>, state: ModelState, options: QuantizeOptions): ModelState {
  const layers = reduceNodes(model, [] as string[], (node, names, info) => (node.op === 'embedding' && selected(node, info, options) ? [...names, info.name] : names));
  let result = state;
  for (const layerName of layers) {
    const kernel = state.get(layerName, 'kernel');
    if (kernel instanceof QTensor) continue;
    if (!(kernel instanceof Tensor)) {
      const given = kernel === undefined ? 'nothing (initialize the model or load its weights first)' : isHandle(kernel) ? `${describeParameterValue(kernel)} (a handle: quantize the host state, then place it)` : describeValue(kernel);
      throw new QuantizationError(`quantizeModelState: expected embedding layer '${layerName}' to have a Tensor 'kernel' in the state, got ${given}`);
    }
    result = result.set(layerName, 'kernel', QTensor.fromTensor(kernel, { axis: 0, name: `${layerName}.kernel` }));
    result = result.freeze(([layer, parameter]) => layer === layerName && parameter === 'kernel');
  }
  return result;
}
