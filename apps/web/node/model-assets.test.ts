import { build } from '@qaxon/graph';
import { quantizeModel } from '@qaxon/quantization';
import { fromSafetensors } from '@qaxon/safetensors';
import { QTensor, Tensor } from '@qaxon/tensor';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeHeldOutDigits } from '../src/held-out/held-out-digits.js';
import { MNIST_PIXELS, mnistModel } from '../src/model/mnist-model.js';
import { MODEL_FILES } from '../src/model/model-files.js';
import { argmax, probabilityRows } from '../src/model/prediction.js';
import { modelFiles, readMnistWeights } from './model-assets.js';

describe('the model files the page serves', () => {
  const files = modelFiles(readMnistWeights());
  const float = fromSafetensors(files.get(MODEL_FILES.float)!);
  const int8 = fromSafetensors(files.get(MODEL_FILES.int8)!);

  it('are the trained float weights and their int8 quantization, about 4x smaller', () => {
    expect(float.layers()).toEqual(['dense_0', 'dense_1', 'dense_2']);
    for (const layer of float.layers()) {
      expect(float.get(layer, 'kernel')).toBeInstanceOf(Tensor);
      expect(int8.get(layer, 'kernel')).toBeInstanceOf(QTensor);
      expect(int8.isFrozen(layer, 'kernel')).toBe(true);
    }
    expect(float.byteSize() / int8.byteSize()).toBeGreaterThan(3.9);
    expect(files.get(MODEL_FILES.int8)!.length).toBeLessThan(files.get(MODEL_FILES.float)!.length / 3.5);
  });

  it('fit the page model and classify the shipped held-out digits', async () => {
    const digits = decodeHeldOutDigits(new Uint8Array(readFileSync(new URL('../src/held-out/held-out-digits.safetensors', import.meta.url))));
    const images = new Float32Array(digits.count * MNIST_PIXELS);
    for (let i = 0; i < digits.count; i++) images.set(digits.image(i), i * MNIST_PIXELS);
    const x = new Tensor(images, [digits.count, MNIST_PIXELS], 'f32');
    const model = mnistModel();
    for (const [built, state] of [[build(model), float], [build(quantizeModel(model)), int8]] as const) {
      const rows = probabilityRows(await built.predict(state, x));
      const right = rows.filter((row, i) => argmax(row) === digits.labels[i]).length;
      expect(right).toBeGreaterThanOrEqual(digits.count - 3);
    }
  });

  it('says how to get the weights when the file is missing', () => {
    expect(() => readMnistWeights('/nonexistent/mnist-mlp.safetensors')).toThrow(
      'expected the trained MNIST float weights at /nonexistent/mnist-mlp.safetensors',
    );
  });
});
