import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from '@qaxon/graph';
import { quantize } from '@qaxon/quantization';
import { fromSafetensors } from '@qaxon/safetensors';
import { Tensor } from '@qaxon/tensor';
import { readMnistWeights } from '../../node/model-assets.js';
import { decodeHeldOutDigits, type HeldOutDigits } from '../../src/held-out/held-out-digits.js';
import { MNIST_PIXELS, mnistModel } from '../../src/model/mnist-model.js';
import { probabilityRows } from '../../src/model/prediction.js';
import type { ModelPair } from '../../src/model/digit-classifier.js';

/**
 * The same weights and digits the page uses, run in Node on the reference backend (the
 * oracle): what the page's float and int8 predictions must agree with.
 *
 * @example
 * ```ts
 * const reference = loadNodeReference();
 * const { float, int8 } = await reference.probabilities(reference.digits.image(0), 1);
 * ```
 */
export interface NodeReference {
  readonly digits: HeldOutDigits;
  /** The class probabilities of `count` images (784 values each, back to back) from both models. */
  probabilities(images: Float32Array, count: number): Promise<ModelPair<number[][]>>;
}

/**
 * Loads the committed float weights (`apps/mnist`), quantizes them with `quantize` as the
 * page does, and reads the held-out digits file the page ships.
 *
 * @example
 * ```ts
 * const reference = loadNodeReference();
 * ```
 */
export function loadNodeReference(): NodeReference {
  const model = mnistModel();
  const floatState = fromSafetensors(readMnistWeights());
  const [int8Model, int8State] = quantize(model, floatState);
  const floatRun = build(model);
  const int8Run = build(int8Model);
  const digitsPath = fileURLToPath(new URL('../../src/held-out/held-out-digits.safetensors', import.meta.url));
  const digits = decodeHeldOutDigits(new Uint8Array(readFileSync(digitsPath)));
  return {
    digits,
    async probabilities(images: Float32Array, count: number): Promise<ModelPair<number[][]>> {
      const x = new Tensor(images, [count, MNIST_PIXELS], 'f32');
      return { float: probabilityRows(await floatRun.predict(floatState, x)), int8: probabilityRows(await int8Run.predict(int8State, x)) };
    },
  };
}

/**
 * All held-out digits back to back, as the page's `probabilities` takes them.
 *
 * @example
 * ```ts
 * const images = allImages(reference.digits);
 * ```
 */
export function allImages(digits: HeldOutDigits): Float32Array {
  const images = new Float32Array(digits.count * MNIST_PIXELS);
  for (let i = 0; i < digits.count; i++) images.set(digits.image(i), i * MNIST_PIXELS);
  return images;
}
