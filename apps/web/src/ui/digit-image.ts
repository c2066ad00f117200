import { MNIST_SIDE } from '../model/mnist-model.js';

/**
 * Paints a 28 x 28 digit (grey levels in [0, 1]) into a 28 x 28 canvas, white on black; CSS
 * enlarges it with `image-rendering: pixelated`.
 *
 * @example
 * ```ts
 * paintDigit(previewCanvas, pixels);
 * ```
 */
export function paintDigit(canvas: HTMLCanvasElement, pixels: Float32Array): void {
  canvas.width = MNIST_SIDE;
  canvas.height = MNIST_SIDE;
  const context = canvas.getContext('2d');
  if (context === null) throw new Error('paintDigit: expected a 2D canvas context, got none');
  const image = context.createImageData(MNIST_SIDE, MNIST_SIDE);
  for (let i = 0; i < MNIST_SIDE * MNIST_SIDE; i++) {
    const level = Math.round(Math.max(0, Math.min(1, pixels[i] as number)) * 255);
    image.data.set([level, level, level, 255], i * 4);
  }
  context.putImageData(image, 0, 0);
}
