import { randomNormal, slice as sliceTensor, template, tensor, type Tensor } from '@qaxon/tensor';
import { describe, expect, it } from 'vitest';
import type { ModelState} from '../index.js';
import { LayerOptionError, build, container, decoderBlock, initializers, input, properties, type DecoderBlockOptions, type Model } from '../index.js';

const HIDDEN = 32;
const HEADS = 4;
const KV_HEADS = 2;
const HEAD_DIM = HIDDEN / HEADS;
const KV_WIDTH = KV_HEADS * HEAD_DIM;
const options = { prefix: 'model.layers.0', heads: HEADS, kvHeads: KV_HEADS, intermediate: 64, epsilon: 1e-5, theta: 10000 } as const;
const positionsOf = (from: number, count: number) => tensor(Array.from({ length: count }, (_, i) => from + i), { dtype: 's32' });

function blockModel(extra: Partial<DecoderBlockOptions> = {}): Model<Record<'hidden' | 'key' | 'value', Tensor>> {
  const block = decoderBlock(input('hidden', { shape: [null, null, HIDDEN] }), { ...options, positions: input('position_ids', { shape: [null], dtype: 's32' }), ...extra });
  return container({ hidden: block.output, key: block.key, value: block.value });
}

/** A state with weights of realistic scale (std 0.02 kernels, as LLaMA initializes; norms at ones). */
function realisticState(model: Model<Record<string, Tensor>>): ModelState {
  const init = build(model).init({ hidden: template([1, 2, HIDDEN]), position_ids: template([2], 's32') }, undefined, { seed: 7 });
  let state = init;
  for (const [layer, parameter, value] of init.parameters()) {
    if (parameter === 'kernel') state = state.set(layer, parameter, initializers.normal({ scale: 0.02 })(value.shape, 'f32', layer.length * 31 + 5));
  }
  return state;
}

describe('decoderBlock (LLaMA)', () => {
  it('names its layers as Hugging Face does: 7 bias-free dense projections and 2 RMSNorms under the prefix', () => {
    const model = blockModel();
    const layers = properties(model);
    const dense = Object.entries(layers).filter(([, op]) => op === 'dense').map(([name]) => name);
    expect(dense.sort()).toEqual(
      ['mlp.down_proj', 'mlp.gate_proj', 'mlp.up_proj', 'self_attn.k_proj', 'self_attn.o_proj', 'self_attn.q_proj', 'self_attn.v_proj'].map((n) => `model.layers.0.${n}`),
    );
    expect(layers['model.layers.0.input_layernorm']).toBe('rmsNorm');
    expect(layers['model.layers.0.post_attention_layernorm']).toBe('rmsNorm');
    const state = build(model).init({ hidden: template([1, 3, HIDDEN]), position_ids: template([3], 's32') });
    expect(state.get('model.layers.0.self_attn.q_proj', 'kernel')!.shape).toEqual([HIDDEN, HIDDEN]);
    expect(state.get('model.layers.0.self_attn.k_proj', 'kernel')!.shape).toEqual([HIDDEN, KV_WIDTH]);
    expect(state.get('model.layers.0.mlp.down_proj', 'kernel')!.shape).toEqual([64, HIDDEN]);
    expect(state.get('model.layers.0.self_attn.q_proj', 'bias')).toBeUndefined();
    expect(state.get('model.layers.0.input_layernorm', 'gamma')!.shape).toEqual([HIDDEN]);
  });

  it('predicts [batch, tokens, hidden] and the present cache [batch, tokens, kvHeads · headDim]', async () => {
    const model = blockModel();
    const state = realisticState(model);
    const x = randomNormal([2, 5, HIDDEN], { seed: 1 });
    const { hidden, key, value } = await build(model).predict(state, { hidden: x, position_ids: positionsOf(0, 5) });
    expect(hidden.shape).toEqual([2, 5, HIDDEN]);
    expect(key.shape).toEqual([2, 5, KV_WIDTH]);
    expect(value.shape).toEqual([2, 5, KV_WIDTH]);
    expect([...hidden.data].every(Number.isFinite)).toBe(true);
    expect([...hidden.data]).not.toEqual([...x.data]);
  });

  it('decoding with the KV cache: 4 tokens then 1 with the returned cache gives the 5-token run last row (1e-5)', async () => {
    const full = blockModel();
    const state = realisticState(full);
    const x = randomNormal([1, 5, HIDDEN], { seed: 2 });
    const all = await build(full).predict(state, { hidden: x, position_ids: positionsOf(0, 5) });
    const prefill = await build(full).predict(state, { hidden: sliceTensor(x, [0, 0, 0], [1, 4, HIDDEN]), position_ids: positionsOf(0, 4) });
    const stepModel = blockModel({
      cache: { key: input('past_key', { shape: [null, null, KV_WIDTH] }), value: input('past_value', { shape: [null, null, KV_WIDTH] }) },
    });
    const step = await build(stepModel).predict(state, {
      hidden: sliceTensor(x, [0, 4, 0], [1, 1, HIDDEN]),
      position_ids: positionsOf(4, 1),
      past_key: prefill.key,
      past_value: prefill.value,
    });
    expect(step.hidden.shape).toEqual([1, 1, HIDDEN]);
    expect(step.key.shape).toEqual([1, 5, KV_WIDTH]);
    const lastRow = [...all.hidden.data.slice(4 * HIDDEN)];
    let largest = 0;
    step.hidden.data.forEach((v, i) => (largest = Math.max(largest, Math.abs(v - lastRow[i]!))));
    expect(largest).toBeLessThan(1e-5);
    [...step.key.data].forEach((v, i) => expect(Math.abs(v - all.key.data[i]!)).toBeLessThan(1e-5));
    // Without the cache the single token sees only itself: a different output, so the cache matters.
    const alone = await build(full).predict(state, { hidden: sliceTensor(x, [0, 4, 0], [1, 1, HIDDEN]), position_ids: positionsOf(4, 1) });
    expect(Math.max(...[...alone.hidden.data].map((v, i) => Math.abs(v - lastRow[i]!)))).toBeGreaterThan(1e-4);
  });

  it('a padding mask over past + new keys hides the masked keys', async () => {
    const model = blockModel({ mask: input('attention_mask', { shape: [null, null], dtype: 's32' }) });
    const state = realisticState(blockModel());
    const x = randomNormal([1, 3, HIDDEN], { seed: 3 });
    const run = (mask: number[]) => build(model).predict(state, { hidden: x, position_ids: positionsOf(0, 3), attention_mask: tensor([mask], { dtype: 's32' }) });
    const open = await run([1, 1, 1]);
    const padded = await run([0, 1, 1]);
    expect([...padded.hidden.data.slice(2 * HIDDEN)]).not.toEqual([...open.hidden.data.slice(2 * HIDDEN)]);
  });

  it('infers the width from the declared input shape, or asks for hidden; refuses bad options naming the block', () => {
    const positions = input('p', { dtype: 's32' });
    expect(() => decoderBlock(input('x'), { ...options, positions })).toThrow(/decoderBlock 'model.layers.0': expected option hidden \(the model width\)/);
    const block = decoderBlock(input('x'), { ...options, positions, hidden: 16, headDim: 8 });
    const state = build(container({ y: block.output })).init({ x: template([1, 2, 16]), p: template([2], 's32') });
    expect(state.get('model.layers.0.self_attn.q_proj', 'kernel')!.shape).toEqual([16, HEADS * 8]);
    const x = input('x', { shape: [null, null, HIDDEN] });
    expect(() => decoderBlock(x, { ...options, positions, kvHeads: 3 })).toThrow("decoderBlock 'model.layers.0': expected option kvHeads to divide heads (4), got 3");
    expect(() => decoderBlock(x, { ...options, prefix: '', positions })).toThrow(LayerOptionError);
    expect(() => decoderBlock(x, { ...options, positions: 'p' as never })).toThrow(/expected option positions to be a model/);
    expect(() => decoderBlock(x, { ...options, positions, cache: { key: x } as never })).toThrow(/expected option cache to be \{ key: Model, value: Model \}/);
  });
});
