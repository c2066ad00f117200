import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { build, ModelState } from '@qaxon/graph';
import { allClose, tensor } from '@qaxon/tensor';
import { PIXELS, splitDigits } from './data.js';
import { mnistModel } from './model.js';
import { tfjsMnistModel, tfjsWeightsByQaxonName } from './tfjs-model.js';
import { cosineLearningRate } from './training-loop.js';

describe('tfjsWeightsByQaxonName', () => {
  it('exports a TensorFlow.js model that the qaxon graph runs to the same probabilities', async () => {
    await tf.setBackend('cpu');
    const trainedElsewhere = tfjsMnistModel(7);
    const weights = tfjsWeightsByQaxonName(trainedElsewhere);
    expect(Object.fromEntries(Object.entries(weights).map(([name, value]) => [name, value.shape]))).toEqual({
      'dense_0.kernel': [784, 256],
      'dense_0.bias': [256],
      'dense_1.kernel': [256, 128],
      'dense_1.bias': [128],
      'dense_2.kernel': [128, 10],
      'dense_2.bias': [10],
    });
    const data: Record<string, Record<string, (typeof weights)[string]>> = {};
    for (const [name, value] of Object.entries(weights)) {
      const [layer, param] = name.split('.') as [string, string];
      (data[layer] ??= {})[param] = value;
    }
    const digits = splitDigits().test.images.slice(0, 16 * PIXELS);
    const expected = tf.tidy(() => (trainedElsewhere.predict(tf.tensor2d(digits, [16, PIXELS])) as tf.Tensor).dataSync() as Float32Array);
    const actual = await build(mnistModel()).predict(ModelState.fromData(data), tensor(digits, { shape: [16, PIXELS] }));
    expect(allClose(actual, tensor(expected, { shape: [16, 10] }), { rtol: 1e-4, atol: 1e-6 })).toMatchObject({ ok: true });
    trainedElsewhere.dispose();
  });
});

describe('cosineLearningRate', () => {
  it('falls from the peak to half way to zero along a cosine', () => {
    expect(cosineLearningRate(1e-3, 0, 30)).toBe(1e-3);
    expect(cosineLearningRate(1e-3, 15, 30)).toBeCloseTo(5e-4, 12);
    expect(cosineLearningRate(1e-3, 30, 30)).toBeCloseTo(0, 12);
  });
});
