import { describe, expect, it } from 'vitest';
import { BERT_BASE_BLOCK, TINYLLAMA_STEP, type LlamaStepShape } from './block-shapes.js';
import { blockInputs, blockSamplePositions, blockWeights } from './block-weights.js';

const TINY: LlamaStepShape = { ...TINYLLAMA_STEP, past: 3, hidden: 32, heads: 4, kvHeads: 2, headDim: 8, intermediate: 48 };

describe('seeded block weights', () => {
  it('names layers as Hugging Face does, with the shapes of the block', () => {
    const llama = blockWeights(TINY);
    expect(llama.denses.map((dense) => [dense.name, dense.k, dense.n, dense.bias === undefined])).toEqual([
      ['model.layers.0.self_attn.q_proj', 32, 32, true],
      ['model.layers.0.self_attn.k_proj', 32, 16, true],
      ['model.layers.0.self_attn.v_proj', 32, 16, true],
      ['model.layers.0.self_attn.o_proj', 32, 32, true],
      ['model.layers.0.mlp.gate_proj', 32, 48, true],
      ['model.layers.0.mlp.up_proj', 32, 48, true],
      ['model.layers.0.mlp.down_proj', 48, 32, true],
    ]);
    expect(llama.norms.map((norm) => [norm.name, norm.beta === undefined])).toEqual([
      ['model.layers.0.input_layernorm', true],
      ['model.layers.0.post_attention_layernorm', true],
    ]);
    const bert = blockWeights({ ...BERT_BASE_BLOCK, tokens: 2, hidden: 8, intermediate: 16, heads: 2 });
    expect(bert.denses.map((dense) => dense.name.replace('bert.encoder.layer.0.', ''))).toEqual([
      'attention.self.query',
      'attention.self.key',
      'attention.self.value',
      'attention.output.dense',
      'intermediate.dense',
      'output.dense',
    ]);
    expect(bert.denses.every((dense) => dense.bias?.length === dense.n)).toBe(true);
    expect(bert.norms.every((norm) => norm.beta?.length === 8)).toBe(true);
  });

  it('has the scale of BERT and LLaMA initializers (deviation 0.02, gains near 1), the same on every call', () => {
    const weights = blockWeights(TINY);
    const kernel = weights.denses[4]!.kernel;
    const mean = kernel.reduce((sum, value) => sum + value, 0) / kernel.length;
    const std = Math.sqrt(kernel.reduce((sum, value) => sum + (value - mean) ** 2, 0) / kernel.length);
    expect(std).toBeGreaterThan(0.018);
    expect(std).toBeLessThan(0.022);
    expect(Math.abs(mean)).toBeLessThan(0.002);
    const gamma = weights.norms[0]!.gamma;
    expect(Math.min(...gamma)).toBeGreaterThan(0.7);
    expect(Math.max(...gamma)).toBeLessThan(1.3);
    expect(blockWeights(TINY)).toEqual(weights);
    expect(blockWeights(TINY, 0.5).denses[0]!.kernel).not.toEqual(weights.denses[0]!.kernel);
  });

  it('gives each block its inputs: a mask of ones for BERT, a position and a KV cache for a LLaMA step', () => {
    const bert = blockInputs({ ...BERT_BASE_BLOCK, tokens: 3, hidden: 4 });
    expect(bert.x.length).toBe(12);
    expect([...bert.mask!]).toEqual([1, 1, 1]);
    const step = blockInputs(TINY);
    expect([step.x.length, step.position, step.pastKey!.length, step.pastValue!.length]).toEqual([32, 3, 48, 48]);
    expect(step.pastKey).not.toEqual(step.pastValue);
  });

  it('samples every output of a small block and 256 distinct sorted positions of a large one', () => {
    expect(blockSamplePositions(TINY)).toEqual(Array.from({ length: 32 }, (_, index) => index));
    const positions = blockSamplePositions(BERT_BASE_BLOCK);
    expect(new Set(positions).size).toBe(256);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(Math.max(...positions)).toBeLessThan(128 * 768);
  });
});
