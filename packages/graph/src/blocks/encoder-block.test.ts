import { randomNormal, template, tensor } from '@qaxon/tensor';
import { describe, expect, it } from 'vitest';
import { LayerOptionError, build, encoderBlock, input, properties } from '../index.js';

const HIDDEN = 32;
const prefix = 'bert.encoder.layer.3';

describe('encoderBlock (BERT)', () => {
  const x = input('hidden', { shape: [null, null, HIDDEN] });
  const mask = input('attention_mask', { shape: [null, null], dtype: 's32' });
  const model = encoderBlock(x, { prefix, heads: 4, intermediate: 64, mask });

  it("names its layers as Hugging Face's BertLayer: 6 dense layers with bias and 2 LayerNorms", () => {
    const layers = properties(model);
    const dense = Object.entries(layers).filter(([, op]) => op === 'dense').map(([name]) => name);
    expect(dense.sort()).toEqual(
      ['attention.output.dense', 'attention.self.key', 'attention.self.query', 'attention.self.value', 'intermediate.dense', 'output.dense'].map((n) => `${prefix}.${n}`),
    );
    expect(layers[`${prefix}.attention.output.LayerNorm`]).toBe('layerNorm');
    expect(layers[`${prefix}.output.LayerNorm`]).toBe('layerNorm');
    expect(layers[`${prefix}.intermediate.intermediate_act_fn`]).toBe('gelu');
    const state = build(model).init({ hidden: template([1, 3, HIDDEN]), attention_mask: template([1, 3], 's32') });
    expect(state.get(`${prefix}.intermediate.dense`, 'kernel')!.shape).toEqual([HIDDEN, 64]);
    expect(state.get(`${prefix}.intermediate.dense`, 'bias')!.shape).toEqual([64]);
    expect(state.get(`${prefix}.output.LayerNorm`, 'beta')!.shape).toEqual([HIDDEN]);
  });

  it('predicts [batch, tokens, hidden], rows normalized by the last LayerNorm, padding keys hidden', async () => {
    const { init, predict } = build(model);
    const state = init({ hidden: template([2, 4, HIDDEN]), attention_mask: template([2, 4], 's32') }, undefined, { seed: 3 });
    const hidden = randomNormal([2, 4, HIDDEN], { seed: 4 });
    const y = await predict(state, { hidden, attention_mask: tensor([[1, 1, 1, 1], [1, 1, 0, 0]], { dtype: 's32' }) });
    expect(y.shape).toEqual([2, 4, HIDDEN]);
    for (let row = 0; row < 8; row++) {
      const values = [...y.data.slice(row * HIDDEN, (row + 1) * HIDDEN)];
      const mean = values.reduce((s, v) => s + v, 0) / HIDDEN;
      expect(Math.abs(mean)).toBeLessThan(1e-4);
    }
    // Changing a padded token changes nothing at the real tokens of that sequence.
    const changed = hidden.data.slice();
    for (let i = 0; i < HIDDEN; i++) changed[(4 + 3) * HIDDEN + i] = 5;
    const y2 = await predict(state, { hidden: tensor(changed, { shape: [2, 4, HIDDEN] }), attention_mask: tensor([[1, 1, 1, 1], [1, 1, 0, 0]], { dtype: 's32' }) });
    expect([...y2.data.slice(4 * HIDDEN, 6 * HIDDEN)]).toEqual([...y.data.slice(4 * HIDDEN, 6 * HIDDEN)]);
  });

  it('refuses bad options, naming the block and the option', () => {
    expect(() => encoderBlock(x, { prefix, heads: 5, intermediate: 64 })).toThrow(`encoderBlock '${prefix}': expected option heads to divide the width 32, got 5`);
    expect(() => encoderBlock(x, { prefix, heads: 4, intermediate: 0 })).toThrow(`encoderBlock '${prefix}': expected option intermediate to be a positive integer, got 0`);
    expect(() => encoderBlock(x, { prefix, heads: 4, intermediate: 8, mask: {} as never })).toThrow(LayerOptionError);
    expect(() => encoderBlock(input('free'), { prefix, heads: 4, intermediate: 8 })).toThrow(/expected option hidden/);
  });
});
