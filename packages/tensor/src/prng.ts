import { ValueError } from './errors.js';
import { describeValue } from './describe.js';

/**
 * A small, fast, documented pseudo-random generator: **xoshiro128\*\*** (Blackman and
 * Vigna) whose 128-bit state is filled from the 32-bit seed by **splitmix32**. Every
 * operation is 32-bit integer arithmetic (`Math.imul`, shifts), so a seed gives the same
 * numbers on every JavaScript engine and platform.
 *
 * - {@link Prng.nextUint32}: uniform integers in [0, 2^32).
 * - {@link Prng.nextFloat}: uniform in [0, 1) with 24 random bits (exact in float32).
 * - {@link Prng.nextNormal}: standard normal by the Box-Muller transform (uses two floats).
 *
 * Seeds wrap modulo 2^32: any integer is accepted, and `seed`, `seed + 2 ** 32` and
 * `seed - 2 ** 32` give the same numbers (`-1` is `2 ** 32 - 1`); so do the `seed` options
 * of `randomUniform`, `randomNormal` and the initializers built on them. A fractional or
 * non-number seed is a `ValueError`.
 *
 * @example
 * ```ts
 * import { Prng } from '@qaxon/tensor';
 * const rng = new Prng(42);
 * const a = rng.nextFloat();
 * const b = new Prng(42).nextFloat();
 * console.log(a === b); // true
 * ```
 */
export class Prng {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;

  /** Seeds the generator; `seed` must be an integer (it is taken modulo 2^32). */
  constructor(seed: number) {
    if (typeof seed !== 'number' || !Number.isInteger(seed)) {
      throw new ValueError(`Prng: expected an integer seed, got ${describeValue(seed)}`);
    }
    let state = seed >>> 0;
    const splitmix32 = (): number => {
      state = (state + 0x9e3779b9) >>> 0;
      let z = state;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.s0 = splitmix32();
    this.s1 = splitmix32();
    this.s2 = splitmix32();
    this.s3 = splitmix32();
  }

  /** The next uniform 32-bit unsigned integer. */
  nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.s1, 5), 7), 9) >>> 0;
    const t = this.s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result;
  }

  /** The next uniform float in [0, 1), a multiple of 2^-24. */
  nextFloat(): number {
    return (this.nextUint32() >>> 8) / 16777216;
  }

  /** The next standard normal sample (mean 0, standard deviation 1). */
  nextNormal(): number {
    // 1 - u is in (0, 1], so the logarithm is finite.
    const u = 1 - this.nextFloat();
    const v = this.nextFloat();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/**
 * Derives a new 32-bit seed from a seed and labels (for example a layer and a parameter
 * name), by FNV-1a hashing the labels into the seed. Equal inputs give equal seeds, so
 * each parameter of a model gets its own reproducible stream.
 *
 * @example
 * ```ts
 * import { deriveSeed } from '@qaxon/tensor';
 * const kernelSeed = deriveSeed(0, 'dense_0', 'kernel');
 * ```
 */
export function deriveSeed(seed: number, ...labels: string[]): number {
  let hash = (0x811c9dc5 ^ (seed >>> 0)) >>> 0;
  for (const label of labels) {
    for (let i = 0; i < label.length; i++) {
      hash = Math.imul(hash ^ label.charCodeAt(i), 0x01000193) >>> 0;
    }
    hash = Math.imul(hash ^ 0x2f, 0x01000193) >>> 0; // separator
  }
  return hash >>> 0;
}
