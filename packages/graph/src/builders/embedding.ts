import type { InitializerSpec } from '../initializers/initializer.js';
import type { Model } from '../model.js';
import { builderLabel, namedLayer, positiveIntegerOption } from './check-options.js';
import { layer } from './layer.js';

/**
 * Options of {@link embedding}.
 *
 * @example
 * ```ts
 * import { initializers, type EmbeddingOptions } from '@qaxon/graph';
 * const options: EmbeddingOptions = { name: 'model.embed_tokens', kernelInitializer: initializers.normal({ scale: 0.02 }) };
 * ```
 */
export interface EmbeddingOptions {
  /** Explicit layer name (otherwise `embedding_<n>`). */
  name?: string;
  /** Initializer of `kernel` `[vocabSize, dim]` (default `'uniform'`, as Axon). */
  kernelInitializer?: InitializerSpec;
}

/**
 * Adds an embedding layer (Axon's `Axon.embedding`): the rows of a learned table
 * `kernel [vocabSize, dim]` at the s32 ids, `[...ids] -> [...ids, dim]`, as one `gather`
 * op call. The table may be a float32 tensor or a QTensor quantized per row (axis 0); see
 * `quantize(model, state, { embeddings: true })` in `@qaxon/quantization`. Learned position
 * embeddings (BERT, GPT-2) are an embedding of the positions.
 *
 * @example
 * ```ts
 * import { add, embedding, input } from '@qaxon/graph';
 * const ids = input('input_ids', { shape: [null, null], dtype: 's32' });
 * const positions = input('position_ids', { shape: [null, null], dtype: 's32' });
 * const hidden = add(embedding(ids, 30522, 768, { name: 'word_embeddings' }), embedding(positions, 512, 768, { name: 'position_embeddings' }));
 * ```
 */
export function embedding(ids: Model, vocabSize: number, dim: number, options: EmbeddingOptions = {}): Model {
  const where = builderLabel('embedding', options.name);
  positiveIntegerOption(vocabSize, where, 'vocabSize');
  positiveIntegerOption(dim, where, 'dim');
  return layer('embedding', [ids], {
    ...namedLayer(options),
    opName: 'embedding',
    parameters: [{ name: 'kernel', shape: () => [vocabSize, dim], initializer: options.kernelInitializer ?? 'uniform' }],
    opts: { vocabSize, dim },
  });
}
