import { add, attention, concatenate, dense, multiply, rmsNorm, rotaryEmbedding, silu, type DecoderBlockOptions, type DecoderBlockOutputs, type Model } from '@qaxon/graph';

/**
 * `decoderBlock` of `@qaxon/graph` with biases on the query, key and value projections
 * (Qwen2's `attention_bias`; `o_proj` and the MLP stay without): the same layers, names,
 * cache inputs and outputs, so a state and `generate` work alike. Options are those of
 * `decoderBlock` with `hidden` and `headDim` given.
 *
 * @internal
 */
export function biasedDecoderBlock(x: Model, options: DecoderBlockOptions & { hidden: number; headDim: number }): DecoderBlockOutputs {
  const { prefix, heads, hidden, headDim, intermediate, positions, cache } = options;
  const kvHeads = options.kvHeads ?? heads;
  const epsilon = options.epsilon ?? 1e-6;
  const projection = (input: Model, name: string, units: number, useBias: boolean): Model => dense(input, units, { name: `${prefix}.${name}`, useBias });
  const rope = { headDim, theta: options.theta ?? 10000, interleaved: options.interleaved ?? false };

  const normed = rmsNorm(x, { name: `${prefix}.input_layernorm`, epsilon });
  const query = rotaryEmbedding(projection(normed, 'self_attn.q_proj', heads * headDim, true), positions, { ...rope, name: `${prefix}.self_attn.q_rope` });
  const newKey = rotaryEmbedding(projection(normed, 'self_attn.k_proj', kvHeads * headDim, true), positions, { ...rope, name: `${prefix}.self_attn.k_rope` });
  const newValue = projection(normed, 'self_attn.v_proj', kvHeads * headDim, true);
  const key = cache === undefined ? newKey : concatenate(cache.key, newKey, { axis: 1, name: `${prefix}.self_attn.present_key` });
  const value = cache === undefined ? newValue : concatenate(cache.value, newValue, { axis: 1, name: `${prefix}.self_attn.present_value` });
  const attended = attention(query, key, value, { name: `${prefix}.self_attn.attention`, heads, kvHeads, causal: true });
  const h = add(x, projection(attended, 'self_attn.o_proj', hidden, false), { name: `${prefix}.self_attn.residual` });
  const normedH = rmsNorm(h, { name: `${prefix}.post_attention_layernorm`, epsilon });
  const gate = silu(projection(normedH, 'mlp.gate_proj', intermediate, false), { name: `${prefix}.mlp.act_fn` });
  const gated = multiply(gate, projection(normedH, 'mlp.up_proj', intermediate, false), { name: `${prefix}.mlp.gated` });
  return { output: add(h, projection(gated, 'mlp.down_proj', hidden, false), { name: `${prefix}.mlp.residual` }), key, value };
}
