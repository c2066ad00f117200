import { MNIST_PIXELS, MNIST_SIDE } from '../model/mnist-model.js';
import { areaResample } from './area-resample.js';

/**
 * A grey ink image: `ink[y * width + x]` in [0, 1], 0 for paper, 1 for full ink.
 *
 * @example
 * ```ts
 * const blank: InkImage = { width: 280, height: 280, ink: new Float32Array(280 * 280) };
 * ```
 */
export interface InkImage {
  readonly width: number;
  readonly height: number;
  readonly ink: Float32Array;
}

/** The side of the box MNIST fits each digit into (inside the 28 x 28 image). */
export const MNIST_DIGIT_BOX = 20;

/**
 * Turns a drawing into an MNIST-like input, as the MNIST images were made: crop to the ink's
 * bounding box, scale it (area averaging, aspect ratio kept) so its longer side is 20 pixels,
 * stretch the grey levels so the darkest pixel is 1, and place it in a 28 x 28 image with its
 * center of mass at the center (14, 14) (moved by whole pixels, kept inside the image). A
 * drawing without ink gives all zeros.
 *
 * @example
 * ```ts
 * const pad = { width: 280, height: 280, ink: new Float32Array(280 * 280) };
 * pad.ink.fill(1, 100 * 280, 180 * 280); // a thick horizontal bar
 * const pixels = preprocessInk(pad);
 * console.log(pixels.length, Math.max(...pixels)); // 784 1
 * ```
 */
export function preprocessInk(image: InkImage): Float32Array {
  const { width, height, ink } = image;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new RangeError(`preprocessInk: expected a positive integer width and height, got ${width} x ${height}`);
  }
  if (ink.length !== width * height) {
    throw new RangeError(`preprocessInk: expected ${width} * ${height} = ${width * height} ink values, got ${ink.length}`);
  }
  const out = new Float32Array(MNIST_PIXELS);
  const box = inkBoundingBox(image);
  if (box === undefined) return out;

  const cropWidth = box.right - box.left + 1;
  const cropHeight = box.bottom - box.top + 1;
  const crop = new Float32Array(cropWidth * cropHeight);
  for (let y = 0; y < cropHeight; y++) {
    const row = (box.top + y) * width + box.left;
    crop.set(ink.subarray(row, row + cropWidth), y * cropWidth);
  }
  const scale = MNIST_DIGIT_BOX / Math.max(cropWidth, cropHeight);
  const digitWidth = Math.max(1, Math.min(MNIST_DIGIT_BOX, Math.round(cropWidth * scale)));
  const digitHeight = Math.max(1, Math.min(MNIST_DIGIT_BOX, Math.round(cropHeight * scale)));
  const digit = areaResample(crop, cropWidth, cropHeight, digitWidth, digitHeight);

  let peak = 0;
  for (const value of digit) peak = Math.max(peak, value);
  for (let i = 0; i < digit.length; i++) digit[i] = Math.min(1, (digit[i] as number) / peak);

  const [centerX, centerY] = centerOfMass(digit, digitWidth, digitHeight);
  const left = clamp(Math.round(MNIST_SIDE / 2 - centerX), 0, MNIST_SIDE - digitWidth);
  const top = clamp(Math.round(MNIST_SIDE / 2 - centerY), 0, MNIST_SIDE - digitHeight);
  for (let y = 0; y < digitHeight; y++) {
    out.set(digit.subarray(y * digitWidth, (y + 1) * digitWidth), (top + y) * MNIST_SIDE + left);
  }
  return out;
}

/**
 * The smallest rectangle holding every pixel with ink (> 0), or `undefined` when there is none.
 *
 * @example
 * ```ts
 * const ink = new Float32Array(9);
 * ink[4] = 1;
 * console.log(inkBoundingBox({ width: 3, height: 3, ink })); // { left: 1, top: 1, right: 1, bottom: 1 }
 * ```
 */
export function inkBoundingBox(image: InkImage): { left: number; top: number; right: number; bottom: number } | undefined {
  const { width, height, ink } = image;
  let left = width;
  let top = height;
  let right = -1;
  let bottom = -1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if ((ink[y * width + x] as number) > 0) {
        left = Math.min(left, x);
        right = Math.max(right, x);
        top = Math.min(top, y);
        bottom = Math.max(bottom, y);
      }
    }
  }
  return right < 0 ? undefined : { left, top, right, bottom };
}

/**
 * The ink-weighted mean position `[x, y]` of an image, measured to pixel centers (a lone
 * pixel at column 0 has x = 0.5). An image without ink has its geometric center.
 *
 * @example
 * ```ts
 * console.log(centerOfMass(new Float32Array([0, 1]), 2, 1)); // [1.5, 0.5]
 * ```
 */
export function centerOfMass(pixels: Float32Array, width: number, height: number): [number, number] {
  let mass = 0;
  let sumX = 0;
  let sumY = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const value = pixels[y * width + x] as number;
      mass += value;
      sumX += value * (x + 0.5);
      sumY += value * (y + 0.5);
    }
  }
  return mass === 0 ? [width / 2, height / 2] : [sumX / mass, sumY / mass];
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value));
}
