import { CLASSES, PIXELS } from './data.js';

/**
 * Widths of the hidden layers of the MNIST MLP (784 -> 256 -> 128 -> 10): each is a dense
 * layer followed by relu; the last dense layer (10 units) is followed by softmax.
 *
 * @example
 * ```ts
 * console.log(HIDDEN_UNITS); // [256, 128]
 * ```
 */
export const HIDDEN_UNITS: readonly number[] = Object.freeze([256, 128]);

/**
 * Every dense layer's `[in, units]` kernel shape, by qaxon layer name.
 *
 * @example
 * ```ts
 * console.log(DENSE_KERNEL_SHAPES.dense_0); // [784, 256]
 * ```
 */
export const DENSE_KERNEL_SHAPES: Readonly<Record<string, readonly [number, number]>> = Object.freeze(
  Object.fromEntries(
    [PIXELS, ...HIDDEN_UNITS].map((inputs, index) => [`dense_${index}`, [inputs, [...HIDDEN_UNITS, CLASSES][index] as number] as const]),
  ),
);
