import { build, dense, input } from '@qaxon/graph';
import { quantize } from '@qaxon/quantization';
import { QTensor, randomNormal, template } from '@qaxon/tensor';
import { describe, expect, it } from 'vitest';
import { fromSafetensors, toSafetensors } from './index.js';

describe('quantize -> toSafetensors -> fromSafetensors -> predict', () => {
  it('predicts exactly what the in-memory quantized state predicts, with the frozen set kept', async () => {
    const model = dense(dense(input('x', { shape: [null, 12] }), 16, { activation: 'relu' }), 5);
    const state = build(model).init(template([1, 12]), undefined, { seed: 5 });
    const [quantizedModel, quantizedState] = quantize(model, state);
    const bytes = toSafetensors(quantizedState);
    const loaded = fromSafetensors(bytes);
    expect(loaded.get('dense_0', 'kernel')).toBeInstanceOf(QTensor);
    expect(loaded.frozenParameters()).toEqual(quantizedState.frozenParameters());
    const x = randomNormal([3, 12], { seed: 8 });
    const built = build(quantizedModel);
    const expected = await built.predict(quantizedState, x);
    const actual = await built.predict(loaded, x);
    expect([...actual.data]).toEqual([...expected.data]);
  });
});
