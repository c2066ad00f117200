import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { fromSafetensors, toSafetensors } from '@qaxon/safetensors';
import { quantize } from '@qaxon/quantization';
import { MODEL_FILES } from '../src/model/model-files.js';
import { mnistModel } from '../src/model/mnist-model.js';

/**
 * The float weights `apps/mnist` trained and committed (the page's only source of weights).
 * `QAXON_MNIST_WEIGHTS` may point elsewhere.
 *
 * @example
 * ```ts
 * console.log(mnistWeightsPath().endsWith('mnist-mlp.safetensors')); // true
 * ```
 */
export function mnistWeightsPath(): string {
  return process.env.QAXON_MNIST_WEIGHTS ?? fileURLToPath(new URL('../../mnist/weights/mnist-mlp.safetensors', import.meta.url));
}

/**
 * Reads the float weights file; a missing file is an error that says how to make it.
 *
 * @example
 * ```ts
 * const bytes = readMnistWeights();
 * ```
 */
export function readMnistWeights(path: string = mnistWeightsPath()): Uint8Array {
  if (!existsSync(path)) {
    throw new Error(`expected the trained MNIST float weights at ${path}; they are committed by apps/mnist (train them with: npx -y pnpm@10.34.8 --filter mnist run train)`);
  }
  return new Uint8Array(readFileSync(path));
}

/**
 * The page's model files by served path ({@link MODEL_FILES}): the float weights as they
 * are, and the int8 state `quantize(mnistModel(), floatState)` gives, as safetensors.
 *
 * @example
 * ```ts
 * const files = modelFiles(readMnistWeights());
 * console.log(files.get(MODEL_FILES.int8)!.length < files.get(MODEL_FILES.float)!.length); // true
 * ```
 */
export function modelFiles(floatBytes: Uint8Array): Map<string, Uint8Array> {
  const [, int8State] = quantize(mnistModel(), fromSafetensors(floatBytes));
  return new Map([
    [MODEL_FILES.float, floatBytes],
    [MODEL_FILES.int8, toSafetensors(int8State)],
  ]);
}
