import * as tf from '@tensorflow/tfjs';
import { tensor, type Tensor } from '@qaxon/tensor';
import { CLASSES, PIXELS } from './data.js';
import { HIDDEN_UNITS } from './architecture.js';

/**
 * The same 784-256-128-10 MLP as `mnistModel` (src/model.ts), in TensorFlow.js layers, used only to
 * train it. Dense layers are named like qaxon's (`dense_0`, `dense_1`, `dense_2`) and their
 * kernels are Glorot-uniform with seeds derived from `seed`, so a run is repeatable.
 *
 * @example
 * ```ts
 * const model = tfjsMnistModel(1);
 * console.log(model.layers.map((layer) => layer.name)); // ['dense_0', 'dense_1', 'dense_2']
 * ```
 */
export function tfjsMnistModel(seed: number): tf.Sequential {
  const model = tf.sequential();
  const widths = [...HIDDEN_UNITS, CLASSES];
  widths.forEach((units, index) => {
    model.add(
      tf.layers.dense({
        name: `dense_${index}`,
        units,
        activation: index === widths.length - 1 ? 'softmax' : 'relu',
        kernelInitializer: tf.initializers.glorotUniform({ seed: seed * 1000 + index }),
        biasInitializer: 'zeros',
        ...(index === 0 ? { inputShape: [PIXELS] } : {}),
      }),
    );
  });
  return model;
}

/**
 * The trained weights of a {@link tfjsMnistModel} under qaxon's parameter names:
 * `dense_0.kernel` [784, 256], `dense_0.bias` [256], ... TensorFlow.js keeps Dense kernels as
 * `[in, units]` like qaxon, so the values are copied as they are.
 *
 * @example
 * ```ts
 * const weights = tfjsWeightsByQaxonName(tfjsMnistModel(1));
 * console.log(weights['dense_0.kernel']!.shape); // [784, 256]
 * ```
 */
export function tfjsWeightsByQaxonName(model: tf.LayersModel): Record<string, Tensor> {
  const named: Record<string, Tensor> = {};
  for (const layer of model.layers) {
    const [kernel, bias] = layer.getWeights();
    if (kernel === undefined || bias === undefined) {
      throw new Error(`tfjsWeightsByQaxonName: expected layer ${layer.name} to hold a kernel and a bias, got ${layer.getWeights().length} weights`);
    }
    named[`${layer.name}.kernel`] = tensor((kernel.dataSync() as Float32Array).slice(), { shape: kernel.shape });
    named[`${layer.name}.bias`] = tensor((bias.dataSync() as Float32Array).slice(), { shape: bias.shape });
  }
  return named;
}
