import { ShapeError, ValueError, describeValue } from '@qaxon/tensor';

/**
 * Checks the sizes and buffer lengths handed to a typed-array kernel, so a caller that
 * passes the wrong `rows`/`inner`/`units` gets an error instead of reading past the end
 * (typed arrays return `undefined`, i.e. NaN) or silently using a prefix.
 *
 * @example
 * ```ts
 * import { checkBufferLength } from '@qaxon/kernel-reference/impl';
 * checkBufferLength('denseF32', 'x', new Float32Array(6), 6); // ok
 * ```
 */
export function checkBufferLength(where: string, name: string, buffer: ArrayLike<number>, expected: number): void {
  if (buffer.length !== expected) {
    throw new ShapeError(`${where}: expected ${name} to hold ${expected} elements, got ${buffer.length}`);
  }
}

/**
 * Checks that each named size is a non-negative safe integer.
 *
 * @example
 * ```ts
 * import { checkSizes } from '@qaxon/kernel-reference/impl';
 * checkSizes('denseF32', { rows: 2, inner: 3, units: 4 }); // ok
 * ```
 */
export function checkSizes(where: string, sizes: Record<string, number>): void {
  for (const [name, size] of Object.entries(sizes)) {
    if (typeof size !== 'number' || !Number.isSafeInteger(size) || size < 0) {
      throw new ShapeError(`${where}: expected ${name} to be a non-negative integer, got ${describeValue(size)}`);
    }
  }
}

/**
 * Reads bias element `n` from a per-unit array, a number added to every unit, or
 * `undefined` (0), checking the array's length and the number's finiteness once up front.
 * A number is rounded to float32 first, as Nx does with a scalar added to an f32 tensor.
 *
 * @example
 * ```ts
 * import { biasReader } from '@qaxon/kernel-reference/impl';
 * const read = biasReader('denseF32', new Float32Array([1, 2]), 2);
 * console.log(read(1)); // 2
 * ```
 */
export function biasReader(where: string, bias: Float32Array | number | undefined, units: number): (n: number) => number {
  if (bias === undefined) return () => 0;
  if (typeof bias === 'number') {
    if (!Number.isFinite(bias)) throw new ValueError(`${where}: expected bias to be a finite number, got ${bias}`);
    const bias32 = Math.fround(bias);
    return () => bias32;
  }
  if (!(bias instanceof Float32Array)) {
    throw new ValueError(`${where}: expected bias to be a Float32Array of length ${units}, a finite number, or undefined, got ${describeValue(bias)}`);
  }
  checkBufferLength(where, 'bias', bias, units);
  return (n) => bias[n]!;
}
