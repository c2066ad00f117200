import { dense, input, softmax, type Model } from '@qaxon/graph';

/** Side of an MNIST digit image, in pixels. */
export const MNIST_SIDE = 28;
/** Pixels per MNIST digit (28 * 28): the model's input width. */
export const MNIST_PIXELS = MNIST_SIDE * MNIST_SIDE;
/** Number of classes (the digits 0..9). */
export const MNIST_CLASSES = 10;

/**
 * The MNIST MLP trained by `apps/mnist` (784 -> 256 relu -> 128 relu -> 10 softmax), as a
 * qaxon graph. Its dense layers are named `dense_0`, `dense_1` and `dense_2`, the names the
 * trained weights file uses.
 *
 * @example
 * ```ts
 * import { build } from '@qaxon/graph';
 * const { predict } = build(mnistModel());
 * ```
 */
export function mnistModel(): Model {
  const pixels = input('pixels', { shape: [null, MNIST_PIXELS] });
  const hidden = dense(dense(pixels, 256, { activation: 'relu' }), 128, { activation: 'relu' });
  return softmax(dense(hidden, MNIST_CLASSES));
}
