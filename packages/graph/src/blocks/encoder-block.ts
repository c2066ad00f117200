import { gelu } from '../builders/activations.js';
import { attention } from '../builders/attention.js';
import { positiveIntegerOption, positiveNumberOption } from '../builders/check-options.js';
import { add } from '../builders/combinators.js';
import { dense } from '../builders/dense.js';
import { layerNorm } from '../builders/layer-norm.js';
import { LayerOptionError } from '../errors.js';
import type { InitializerSpec } from '../initializers/initializer.js';
import type { Model } from '../model.js';
import { blockWidth } from './block-width.js';
import { checkBlockOptions } from './check-block-options.js';

/**
 * Options of {@link encoderBlock}.
 *
 * @example
 * ```ts
 * import { input, type EncoderBlockOptions } from '@qaxon/graph';
 * const bertBase: EncoderBlockOptions = {
 *   prefix: 'bert.encoder.layer.0', heads: 12, intermediate: 3072, epsilon: 1e-12,
 *   mask: input('attention_mask', { shape: [null, null], dtype: 's32' }),
 * };
 * ```
 */
export interface EncoderBlockOptions {
  /** Name prefix of the block's layers, as in the checkpoint: `bert.encoder.layer.0`. */
  prefix: string;
  /** Attention heads (dividing the width). */
  heads: number;
  /** Width of the feed-forward layer (`intermediate_size`). */
  intermediate: number;
  /** The LayerNorms' epsilon (`layer_norm_eps`, default 1e-12 as BERT). */
  epsilon?: number;
  /** Model width (default: the last axis of `x`, read from the declared input shapes). */
  hidden?: number;
  /** s32 padding mask `[batch, tokens]` (BERT's `attention_mask`: 1 token, 0 padding). */
  mask?: Model;
  /** Initializer of the dense kernels (default `'glorotUniform'`); checkpoints replace them. */
  kernelInitializer?: InitializerSpec;
}

/**
 * Adds a BERT encoder block (post-LayerNorm, Hugging Face's `BertLayer`) on
 * `x [batch, tokens, hidden]`:
 *
 * ```text
 * x ─┬─ query ─┐
 *    ├─ key ───┼─ attention (not causal, padding mask) ── attention.output.dense ─┐
 *    ├─ value ─┘                                                                   │
 *    └──────────────────────────────────────────────────────────────────────── + ─ attention.output.LayerNorm ─ h
 * h ─┬─ intermediate.dense ── gelu (erf) ── output.dense ─┐
 *    └──────────────────────────────────────────────────── + ── output.LayerNorm ── output
 * ```
 *
 * The six projections are ordinary `dense` nodes with bias (kernel `[in, units]`, the
 * transpose of the PyTorch weight), named as in the checkpoint
 * (`${prefix}.attention.self.query`, `.key`, `.value`, `${prefix}.attention.output.dense`,
 * `${prefix}.intermediate.dense`, `${prefix}.output.dense`), so weights load by name and
 * `quantize` finds them; the norms are `${prefix}.attention.output.LayerNorm` and
 * `${prefix}.output.LayerNorm` (parameters `gamma`, `beta`).
 *
 * @example
 * ```ts
 * import { template } from '@qaxon/tensor';
 * import { build, encoderBlock, input } from '@qaxon/graph';
 * const x = input('hidden', { shape: [null, null, 64] });
 * const mask = input('attention_mask', { shape: [null, null], dtype: 's32' });
 * const block = encoderBlock(x, { prefix: 'bert.encoder.layer.0', heads: 4, intermediate: 256, mask });
 * const state = build(block).init({ hidden: template([2, 16, 64]), attention_mask: template([2, 16], 's32') });
 * ```
 */
export function encoderBlock(x: Model, options: EncoderBlockOptions): Model {
  checkBlockOptions(x, options, 'encoderBlock');
  const { prefix } = options;
  const where = `encoderBlock '${prefix}'`;
  const heads = positiveIntegerOption(options.heads, where, 'heads');
  const hidden = blockWidth(x, options.hidden, where);
  if (hidden % heads !== 0) throw new LayerOptionError(`${where}: expected option heads to divide the width ${hidden}, got ${heads}`);
  const intermediate = positiveIntegerOption(options.intermediate, where, 'intermediate');
  const epsilon = positiveNumberOption(options.epsilon ?? 1e-12, where, 'epsilon');
  const projection = (input: Model, name: string, units: number): Model =>
    dense(input, units, { name: `${prefix}.${name}`, ...(options.kernelInitializer === undefined ? {} : { kernelInitializer: options.kernelInitializer }) });

  const attended = attention(projection(x, 'attention.self.query', hidden), projection(x, 'attention.self.key', hidden), projection(x, 'attention.self.value', hidden), {
    name: `${prefix}.attention.self.attention`,
    heads,
    ...(options.mask === undefined ? {} : { mask: options.mask }),
  });
  const attentionSum = add(x, projection(attended, 'attention.output.dense', hidden), { name: `${prefix}.attention.output.residual` });
  const h = layerNorm(attentionSum, { name: `${prefix}.attention.output.LayerNorm`, epsilon });
  const expanded = gelu(projection(h, 'intermediate.dense', intermediate), { name: `${prefix}.intermediate.intermediate_act_fn` });
  const outputSum = add(h, projection(expanded, 'output.dense', hidden), { name: `${prefix}.output.residual` });
  return layerNorm(outputSum, { name: `${prefix}.output.LayerNorm`, epsilon });
}
