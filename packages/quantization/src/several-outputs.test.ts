import { build, container, dense, input, properties, type Model } from '@qaxon/graph';
import { QTensor, randomNormal, template, type Tensor } from '@qaxon/tensor';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { QUANTIZED_DENSE_OP, quantizationReport, quantize } from './index.js';

// A model with several outputs (a decoder step giving logits and a cache): every branch is quantized.
describe('quantizing a model with several outputs', () => {
  const x = input('x', { shape: [null, 16] });
  const hidden = dense(x, 32, { activation: 'relu' });
  const model = container({ logits: dense(hidden, 4), cache: dense(x, 8, { name: 'cache' }) });

  it('finds the dense layers of every branch, and the quantized model predicts a record', async () => {
    const state = build(model).init(template([1, 16]), undefined, { seed: 2 });
    const [qModel, qState] = quantize(model, state);
    expectTypeOf(qModel).toEqualTypeOf<Model<Record<'logits' | 'cache', Tensor>>>();
    expect(properties(qModel)).toEqual(properties(model));
    expect(Object.values(qModel.nodes).filter((node) => node.op === QUANTIZED_DENSE_OP).map((node) => node.name ?? node.opName).sort()).toEqual(['cache', 'dense', 'dense']);
    for (const layer of ['dense_0', 'dense_1', 'cache']) expect(qState.get(layer, 'kernel')).toBeInstanceOf(QTensor);
    const xs = randomNormal([3, 16], { seed: 5 });
    const [float, quantized] = [await build(model).predict(state, xs), await build(qModel).predict(qState, xs)];
    expect(quantized.logits.shape).toEqual([3, 4]);
    expect(quantized.cache.shape).toEqual([3, 8]);
    for (const name of ['logits', 'cache'] as const) {
      const worst = Math.max(...float[name].data.map((value, index) => Math.abs(value - quantized[name].data[index]!)));
      expect(worst).toBeLessThan(0.05);
    }
    const report = await quantizationReport(model, state, qState, { inputs: xs });
    expect(report.layers.map((line) => line.layer)).toEqual(['dense_0', 'dense_1', 'cache']);
    expect(report.outputError!.sqnrDb).toBeGreaterThan(25);
  });
});
