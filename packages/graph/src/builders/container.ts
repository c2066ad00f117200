import { describeValue, type Tensor } from '@qaxon/tensor';
import { LayerOptionError } from '../errors.js';
import { isModel, type Model } from '../model.js';
import { layer } from './layer.js';

/**
 * Options of {@link container}.
 *
 * @example
 * ```ts
 * import type { ContainerOptions } from '@qaxon/graph';
 * const options: ContainerOptions = { name: 'outputs' };
 * ```
 */
export interface ContainerOptions {
  /** Explicit name of the container node (default `container_<n>`, as Axon). */
  name?: string;
}

/**
 * A model with several outputs (Axon's `Axon.container` with a map): its `predict` gives a
 * record of tensors by the names given here, each the output of that model, in this order
 * (a model with one output keeps giving one tensor). The branches share what they have in
 * common (the same input, the same layers are one node); `init`, `summary`, `rewriteNodes`
 * and `quantize` see every branch. The container is a node of op `container` named
 * `container_<n>` (no parameters); it can only be the output of a model, not the input of
 * a layer. Typical use: a decoder step giving its logits and its updated cache.
 *
 * @example
 * ```ts
 * import { ones, template } from '@qaxon/tensor';
 * import { build, container, dense, input } from '@qaxon/graph';
 * const x = input('x', { shape: [null, 4] });
 * const hidden = dense(x, 8, { activation: 'relu' });
 * const model = container({ logits: dense(hidden, 3), cache: hidden });
 * const { init, predict } = build(model);
 * const state = init(template([1, 4]));
 * const { logits, cache } = await predict(state, ones([1, 4])); // Tensor [1, 3] and Tensor [1, 8]
 * ```
 */
export function container<K extends string>(outputs: Readonly<Record<K, Model>>, options: ContainerOptions = {}): Model<Record<K, Tensor>> {
  if (outputs === null || typeof outputs !== 'object' || Array.isArray(outputs) || isModel(outputs)) {
    throw new LayerOptionError(`container: expected a record of models by output name ({ logits: model, cache: model }), got ${describeValue(outputs)}`);
  }
  const names = Object.keys(outputs) as K[];
  if (names.length === 0) throw new LayerOptionError('container: expected at least one output, got an empty record');
  const models = names.map((name) => {
    const model: unknown = outputs[name];
    if (!isModel(model)) throw new LayerOptionError(`container: expected output '${name}' to be a model (from input(), dense(), ...), got ${describeValue(model)}`);
    return model as Model;
  });
  const built = layer('container', models, { ...(options.name === undefined ? {} : { name: options.name }), opName: 'container', opts: { names: Object.freeze([...names]) } });
  return built as Model<Record<K, Tensor>>;
}
