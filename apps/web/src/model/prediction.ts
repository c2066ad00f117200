import type { Tensor } from '@qaxon/tensor';

/**
 * What one model says about one digit.
 *
 * @example
 * ```ts
 * const prediction: Prediction = { digit: 7, probabilities: [0, 0, 0, 0, 0, 0, 0, 1, 0, 0], latencyMs: 1.5, firstRun: false };
 * ```
 */
export interface Prediction {
  /** The most probable class (the first one on a tie). */
  digit: number;
  /** The ten class probabilities, in class order. */
  probabilities: number[];
  /** Wall time of the `predict` call, in milliseconds. */
  latencyMs: number;
  /** True for a model's first call on its backend, whose time includes uploading the weights and compiling the kernels. */
  firstRun?: boolean;
}

/**
 * The index of the largest value (the first on a tie).
 *
 * @example
 * ```ts
 * console.log(argmax([0.1, 0.7, 0.2])); // 1
 * ```
 */
export function argmax(values: ArrayLike<number>): number {
  if (values.length === 0) throw new RangeError('argmax: expected at least one value, got an empty list');
  let best = 0;
  for (let i = 1; i < values.length; i++) {
    if ((values[i] as number) > (values[best] as number)) best = i;
  }
  return best;
}

/**
 * Reads the rows of a `[rows, classes]` probability tensor into plain arrays.
 *
 * @example
 * ```ts
 * import { tensor } from '@qaxon/tensor';
 * console.log(probabilityRows(tensor([[0.25, 0.75]]))); // [[0.25, 0.75]]
 * ```
 */
export function probabilityRows(probabilities: Tensor): number[][] {
  const { shape, data } = probabilities;
  if (shape.length !== 2) throw new RangeError(`probabilityRows: expected a [rows, classes] tensor, got shape [${shape.join(', ')}]`);
  const [rows, classes] = shape as [number, number];
  return Array.from({ length: rows }, (_, row) => Array.from(data.subarray(row * classes, (row + 1) * classes)));
}
