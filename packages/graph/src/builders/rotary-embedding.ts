import { describeValue } from '@qaxon/tensor';
import { LayerOptionError } from '../errors.js';
import type { Model } from '../model.js';
import { booleanOption, builderLabel, namedLayer, positiveIntegerOption, positiveNumberOption } from './check-options.js';
import { layer } from './layer.js';

/**
 * Options of {@link rotaryEmbedding}.
 *
 * @example
 * ```ts
 * import type { RotaryEmbeddingOptions } from '@qaxon/graph';
 * const llama3: RotaryEmbeddingOptions = { headDim: 128, theta: 500000 };
 * ```
 */
export interface RotaryEmbeddingOptions {
  /** Explicit layer name (otherwise `rotaryEmbedding_<n>`). */
  name?: string;
  /** Entries per head: the input's last axis is `heads · headDim`. */
  headDim: number;
  /** Base of the frequencies `theta^(-2i / rotaryDim)` (default 10000). */
  theta?: number;
  /** False (default): Hugging Face's `rotate_half`, entry `i` pairs with `i + rotaryDim / 2`; true: pairs `(2i, 2i + 1)` (Meta's original code, llama2.c, GPT-J). */
  interleaved?: boolean;
  /** How many leading entries of each head rotate (even, at most `headDim`; default `headDim`). */
  rotaryDim?: number;
}

/**
 * Adds rotary position embeddings (RoPE) to `x [batch, sequence, heads · headDim]` at the
 * s32 `positions` (`[sequence]` or `[batch, sequence]`): each pair of entries of each
 * head turns by the angle `position · theta^(-2i / rotaryDim)`, one `rope` op call. For a
 * decoding step with a KV cache, pass the new tokens' own positions (past length onward).
 *
 * @example
 * ```ts
 * import { dense, input, rotaryEmbedding } from '@qaxon/graph';
 * const x = input('hidden', { shape: [null, null, 64] });
 * const positions = input('position_ids', { shape: [null], dtype: 's32' });
 * const q = rotaryEmbedding(dense(x, 64), positions, { headDim: 16 });
 * ```
 */
export function rotaryEmbedding(x: Model, positions: Model, options: RotaryEmbeddingOptions): Model {
  if (options === null || typeof options !== 'object') throw new LayerOptionError(`rotaryEmbedding: expected options with at least headDim, got ${describeValue(options)}`);
  const where = builderLabel('rotaryEmbedding', options.name);
  const headDim = positiveIntegerOption(options.headDim, where, 'headDim');
  const theta = positiveNumberOption(options.theta ?? 10000, where, 'theta');
  const interleaved = booleanOption(options.interleaved ?? false, where, 'interleaved');
  const rotaryDim = options.rotaryDim === undefined ? undefined : positiveIntegerOption(options.rotaryDim, where, 'rotaryDim');
  if (rotaryDim !== undefined && (rotaryDim % 2 !== 0 || rotaryDim > headDim)) {
    throw new LayerOptionError(`${where}: expected option rotaryDim to be even and at most headDim (${headDim}), got ${rotaryDim}`);
  }
  if (headDim % 2 !== 0 && rotaryDim === undefined) throw new LayerOptionError(`${where}: expected option headDim to be even (entries rotate in pairs), got ${headDim}`);
  return layer('rotaryEmbedding', [x, positions], {
    ...namedLayer(options),
    opName: 'rotaryEmbedding',
    opts: { headDim, theta, interleaved, ...(rotaryDim === undefined ? {} : { rotaryDim }) },
  });
}
