import { tensor, type Tensor } from '@qaxon/tensor';
import { PIXELS, type DigitSet } from './data.js';
import type { Progress } from './progress.js';

/**
 * The index of the largest value in each row of a `[rows, classes]` tensor (the predicted
 * class); the first one wins a tie. Refuses anything but a rank-2 tensor with at least one
 * column, and NaN scores (a broken backend must not look like class 0).
 *
 * @example
 * ```ts
 * import { tensor } from '@qaxon/tensor';
 * console.log(argmaxRows(tensor([[0.1, 0.9], [0.7, 0.3]]))); // Uint8Array [1, 0]
 * ```
 */
export function argmaxRows(scores: Tensor): Uint8Array {
  const [rows, columns] = scores.shape;
  if (scores.shape.length !== 2 || rows === undefined || columns === undefined || columns < 1 || columns > 256) {
    throw new RangeError(`argmaxRows: expected scores of shape [rows, classes] with 1..256 classes, got shape [${scores.shape.join(', ')}]`);
  }
  const predicted = new Uint8Array(rows);
  for (let row = 0; row < rows; row++) {
    let best = 0;
    let bestScore = -Infinity;
    for (let column = 0; column < columns; column++) {
      const score = scores.data[row * columns + column] as number;
      if (Number.isNaN(score)) throw new RangeError(`argmaxRows: expected numbers, got NaN at row ${row}, column ${column}`);
      if (score > bestScore) {
        bestScore = score;
        best = column;
      }
    }
    predicted[row] = best;
  }
  return predicted;
}

function checkSameLength(a: ArrayLike<number>, b: ArrayLike<number>, where: string): void {
  if (a.length !== b.length) throw new RangeError(`${where}: expected two arrays of the same length, got ${a.length} and ${b.length}`);
  if (a.length === 0) throw new RangeError(`${where}: expected at least one prediction, got none`);
}

/**
 * The fraction (in [0, 1]) of positions where `predicted` equals `labels`.
 *
 * @example
 * ```ts
 * console.log(accuracy(new Uint8Array([1, 2, 3, 4]), new Uint8Array([1, 2, 3, 0]))); // 0.75
 * ```
 */
export function accuracy(predicted: ArrayLike<number>, labels: ArrayLike<number>): number {
  checkSameLength(predicted, labels, 'accuracy');
  let equal = 0;
  for (let i = 0; i < predicted.length; i++) if (predicted[i] === labels[i]) equal++;
  return equal / predicted.length;
}

/**
 * The fraction (in [0, 1]) of digits on which two models (or two backends) predict the
 * same class — whatever the true class is.
 *
 * @example
 * ```ts
 * console.log(agreement(new Uint8Array([1, 2]), new Uint8Array([1, 7]))); // 0.5
 * ```
 */
export function agreement(a: ArrayLike<number>, b: ArrayLike<number>): number {
  checkSameLength(a, b, 'agreement');
  return accuracy(a, b);
}

/**
 * Predicted classes of a whole digit set and how long each batch took.
 *
 * @example
 * ```ts
 * const { predictions, batchMilliseconds } = await classifyDigits(predict, test, 100);
 * console.log(predictions.length, batchMilliseconds.length); // 2000 20
 * ```
 */
export interface Classification {
  /** The predicted class of each digit, in the set's order. */
  readonly predictions: Uint8Array;
  /** Wall-clock milliseconds of each `predict` call, in order. */
  readonly batchMilliseconds: readonly number[];
}

/**
 * Runs `predict` over `set` in batches of `batchSize` digits ([batch, 784] f32 tensors)
 * and takes the argmax of each output row. `progress` advances by one per batch.
 *
 * @example
 * ```ts
 * import { build } from '@qaxon/graph';
 * const { predict } = build(mnistModel());
 * const result = await classifyDigits((x) => predict(state, x), test, 100);
 * console.log(accuracy(result.predictions, test.labels));
 * ```
 */
export async function classifyDigits(
  predict: (images: Tensor<'f32'>) => Promise<Tensor>,
  set: DigitSet,
  batchSize: number,
  progress?: Progress,
): Promise<Classification> {
  if (!Number.isSafeInteger(batchSize) || batchSize < 1) throw new RangeError(`classifyDigits: expected a positive integer batch size, got ${batchSize}`);
  const predictions = new Uint8Array(set.count);
  const batchMilliseconds: number[] = [];
  for (let start = 0; start < set.count; start += batchSize) {
    const end = Math.min(set.count, start + batchSize);
    const images = tensor(set.images.slice(start * PIXELS, end * PIXELS), { shape: [end - start, PIXELS] });
    const began = performance.now();
    const scores = await predict(images);
    batchMilliseconds.push(performance.now() - began);
    predictions.set(argmaxRows(scores), start);
    progress?.advance();
  }
  return { predictions, batchMilliseconds };
}

/**
 * Batch timings summarized: the first batch on its own (it includes one-time work such as
 * uploading weights or compiling kernels) and the mean and median of the others.
 *
 * @example
 * ```ts
 * console.log(batchTiming([50, 10, 12, 11])); // { batches: 4, firstMs: 50, meanMs: 11, medianMs: 11 }
 * ```
 */
export function batchTiming(batchMilliseconds: readonly number[]): { batches: number; firstMs: number; meanMs: number; medianMs: number } {
  if (batchMilliseconds.length === 0) throw new RangeError('batchTiming: expected at least one batch time, got none');
  const first = batchMilliseconds[0] as number;
  const rest = batchMilliseconds.length > 1 ? batchMilliseconds.slice(1) : [first];
  const sorted = [...rest].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  const median = sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
  const mean = rest.reduce((sum, value) => sum + value, 0) / rest.length;
  return { batches: batchMilliseconds.length, firstMs: first, meanMs: mean, medianMs: median };
}
