import * as tf from '@tensorflow/tfjs';
import { Prng } from '@qaxon/tensor';
import { shiftedImages } from './augment.js';
import { CLASSES, PIXELS, type DigitSet } from './data.js';
import { startProgress } from './progress.js';
import { tfjsMnistModel } from './tfjs-model.js';

/**
 * Settings of {@link trainMlp}. Every source of randomness (initial weights, sample order,
 * shifts) is seeded from `seed`.
 *
 * @example
 * ```ts
 * const settings: TrainingSettings = { ...DEFAULT_TRAINING, maxEpochs: 5 };
 * ```
 */
export interface TrainingSettings {
  /** Upper bound on passes over the training digits. */
  readonly maxEpochs: number;
  /** Stop after this many epochs without a better validation accuracy. */
  readonly patience: number;
  /** Digits per optimizer step. */
  readonly batchSize: number;
  /** Adam's learning rate at the first epoch (it decays along a cosine to 0 at `maxEpochs`). */
  readonly learningRate: number;
  /** Largest random shift, in pixels along each axis, applied to training digits (0: none). */
  readonly maxShift: number;
  /** Seed of the initial weights, the sample order and the shifts. */
  readonly seed: number;
  /** Draw no progress bars. */
  readonly quiet: boolean;
}

/**
 * The defaults used to produce the committed weights.
 *
 * @example
 * ```ts
 * console.log(DEFAULT_TRAINING.batchSize); // 64
 * ```
 */
export const DEFAULT_TRAINING: TrainingSettings = Object.freeze({
  maxEpochs: 30,
  patience: 10,
  batchSize: 64,
  learningRate: 1e-3,
  maxShift: 2,
  seed: 1,
  quiet: false,
});

/**
 * What {@link trainMlp} returns: the model holding the weights of its best epoch.
 *
 * @example
 * ```ts
 * const { bestEpoch, validationAccuracy } = await trainMlp(train, validation, DEFAULT_TRAINING);
 * ```
 */
export interface TrainingResult {
  readonly model: tf.Sequential;
  /** The epoch (1-based) whose weights were kept. */
  readonly bestEpoch: number;
  /** Epochs actually run (early stopping may end before `maxEpochs`). */
  readonly epochsRun: number;
  /** Accuracy of the kept weights on the validation digits, in [0, 1]. */
  readonly validationAccuracy: number;
}

/**
 * Trains the MNIST MLP with TensorFlow.js: Adam on categorical cross-entropy, seeded
 * shuffling and random shifts of the training digits, and early stopping on `validation`
 * (which must come from the training part of the split), keeping the best epoch's weights.
 *
 * @example
 * ```ts
 * const { train } = splitDigits();
 * const { kept, heldOut } = stratifiedSplit(train.labels, 800, 2);
 * const result = await trainMlp(selectDigits(train, kept), selectDigits(train, heldOut), DEFAULT_TRAINING);
 * ```
 */
export async function trainMlp(train: DigitSet, validation: DigitSet, settings: TrainingSettings): Promise<TrainingResult> {
  const model = tfjsMnistModel(settings.seed);
  const optimizer = new ScheduledAdam(settings.learningRate);
  model.compile({ optimizer, loss: 'categoricalCrossentropy' });
  const random = new Prng(settings.seed);
  const validationImages = tf.tensor2d(validation.images, [validation.count, PIXELS]);
  const batches = Math.ceil(train.count / settings.batchSize);
  let best: { epoch: number; accuracy: number; weights: tf.Tensor[] } = { epoch: 0, accuracy: -1, weights: [] };
  let epoch = 0;
  while (epoch < settings.maxEpochs && epoch - best.epoch < settings.patience) {
    optimizer.setLearningRate(cosineLearningRate(settings.learningRate, epoch, settings.maxEpochs));
    epoch++;
    const order = shuffledPositions(train.count, random);
    const images = settings.maxShift > 0 ? shiftedImages(train.images, order, settings.maxShift, random) : orderedImages(train.images, order);
    const bar = startProgress(`epoch ${String(epoch).padStart(2)}/${settings.maxEpochs}`, batches, { silent: settings.quiet });
    let lossSum = 0;
    for (let batch = 0; batch < batches; batch++) {
      const start = batch * settings.batchSize;
      const end = Math.min(train.count, start + settings.batchSize);
      const x = tf.tensor2d(images.subarray(start * PIXELS, end * PIXELS), [end - start, PIXELS]);
      const labels = Int32Array.from(order.subarray(start, end), (position) => train.labels[position] as number);
      const y = tf.tidy(() => tf.oneHot(tf.tensor1d(labels, 'int32'), CLASSES));
      const loss = (await model.trainOnBatch(x, y)) as number;
      tf.dispose([x, y]);
      lossSum += loss;
      bar.advance(1, `loss ${(lossSum / (batch + 1)).toFixed(4)}`);
    }
    const accuracy = tfjsAccuracy(model, validationImages, validation.labels);
    const improved = accuracy > best.accuracy;
    if (improved) {
      tf.dispose(best.weights);
      best = { epoch, accuracy, weights: model.getWeights().map((weight) => weight.clone()) };
    }
    bar.finish(`loss ${(lossSum / batches).toFixed(4)} validation ${(100 * accuracy).toFixed(2)}%${improved ? ' (best)' : ''}`);
  }
  model.setWeights(best.weights);
  tf.dispose([...best.weights, validationImages]);
  return { model, bestEpoch: best.epoch, epochsRun: epoch, validationAccuracy: best.accuracy };
}

/**
 * Cosine learning-rate decay: `peak` at epoch 0 down towards 0 at `epochs`, so the last
 * epochs settle instead of bouncing around a minimum.
 *
 * @example
 * ```ts
 * console.log(cosineLearningRate(1e-3, 0, 30), cosineLearningRate(1e-3, 15, 30)); // 0.001 0.0005
 * ```
 */
export function cosineLearningRate(peak: number, epoch: number, epochs: number): number {
  return (peak * (1 + Math.cos((Math.PI * epoch) / epochs))) / 2;
}

/** Adam whose learning rate can change between epochs (TensorFlow.js keeps it protected). */
class ScheduledAdam extends tf.AdamOptimizer {
  constructor(learningRate: number) {
    super(learningRate, 0.9, 0.999);
  }

  setLearningRate(learningRate: number): void {
    this.learningRate = learningRate;
  }
}

/**
 * Fraction of `images` (a [count, 784] tensor) that a TensorFlow.js model classifies as `labels`.
 *
 * @example
 * ```ts
 * const accuracy = tfjsAccuracy(model, tf.tensor2d(test.images, [test.count, 784]), test.labels);
 * ```
 */
export function tfjsAccuracy(model: tf.LayersModel, images: tf.Tensor2D, labels: Uint8Array): number {
  const predicted = tf.tidy(() => (model.predict(images) as tf.Tensor).argMax(-1).dataSync());
  let correct = 0;
  predicted.forEach((label, index) => {
    if (label === labels[index]) correct++;
  });
  return correct / labels.length;
}

function shuffledPositions(count: number, random: Prng): Int32Array {
  const order = Int32Array.from({ length: count }, (_, index) => index);
  for (let i = count - 1; i > 0; i--) {
    const j = random.nextUint32() % (i + 1);
    const swap = order[i] as number;
    order[i] = order[j] as number;
    order[j] = swap;
  }
  return order;
}

function orderedImages(images: Float32Array, order: Int32Array): Float32Array {
  const result = new Float32Array(order.length * PIXELS);
  order.forEach((position, index) => result.set(images.subarray(position * PIXELS, (position + 1) * PIXELS), index * PIXELS));
  return result;
}
