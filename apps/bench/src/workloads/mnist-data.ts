import { readFileSync } from 'node:fs';
import { QTensor } from '@qaxon/tensor';
import { readSafetensors } from '@qaxon/safetensors';
import type { MlpLayer } from '../runners/runner.js';
import type { KernelWeights } from './seeded-data.js';

/**
 * The MNIST MLP's layers from the trained float weights, in `format` (int8 via
 * `QTensor.fromTensor`, qaxon's quantizer, so every library gets the same int8 values).
 *
 * @example
 * ```ts
 * const layers = mnistLayers('apps/mnist/weights/mnist-mlp.safetensors', 'int8');
 * console.log(layers.map((layer) => layer.weights.n)); // [256, 128, 10]
 * ```
 */
export function mnistLayers(weightsPath: string, format: 'f32' | 'int8'): MlpLayer[] {
  const { tensors } = readSafetensors(readFileSync(weightsPath));
  const layers: MlpLayer[] = [];
  for (let index = 0; tensors[`dense_${index}.kernel`] !== undefined; index++) {
    const kernel = tensors[`dense_${index}.kernel`]!;
    const bias = tensors[`dense_${index}.bias`];
    if (kernel.dtype !== 'f32' || kernel.rank !== 2 || bias === undefined || bias.dtype !== 'f32') {
      throw new Error(`mnistLayers: expected dense_${index}.kernel (f32, rank 2) and dense_${index}.bias (f32) in ${weightsPath}, got ${kernel} and ${bias}`);
    }
    const [k, n] = kernel.shape as [number, number];
    let weights: KernelWeights = { kind: 'f32', k, n, values: kernel.data as Float32Array };
    if (format === 'int8') {
      const q = QTensor.fromTensor(kernel);
      weights = { kind: 'int8', k, n, values: q.value.data, scales: q.scale.data };
    }
    layers.push({ weights, bias: bias.data as Float32Array });
  }
  if (layers.length === 0) throw new Error(`mnistLayers: expected dense_0.kernel in ${weightsPath}, found ${Object.keys(tensors).join(', ') || 'no tensors'}`);
  return layers;
}

