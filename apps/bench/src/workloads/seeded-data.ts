import { deriveSeed, Prng } from '@qaxon/tensor';
import type { KernelWorkload } from './workloads.js';

/** The root seed of every input and weight the bench generates. */
export const BENCH_SEED = 20_251_127;

/**
 * Seeded kernel weights: float32 `[k, n]` values, or int8 `[k, n]` values with one float32
 * scale per column. Int8 weights are generated as int8 directly, so a run of the int8
 * workload never holds a float copy of the weights (peak memory stays honest).
 *
 * @example
 * ```ts
 * const weights: KernelWeights = { kind: 'f32', k: 1, n: 2, values: new Float32Array([0.5, -0.5]) };
 * ```
 */
export type KernelWeights =
  | { readonly kind: 'f32'; readonly k: number; readonly n: number; readonly values: Float32Array }
  | { readonly kind: 'int8'; readonly k: number; readonly n: number; readonly values: Int8Array; readonly scales: Float32Array };

/**
 * The input `x` `[m, k]` of a kernel workload: uniform in [-1, 1), seeded by the shape.
 *
 * @example
 * ```ts
 * const x = kernelInput(kernelWorkload(1, 4, 2, 'f32'));
 * console.log(x.length); // 4
 * ```
 */
export function kernelInput(workload: KernelWorkload): Float32Array {
  const prng = new Prng(deriveSeed(BENCH_SEED, 'x', String(workload.m), String(workload.k)));
  const x = new Float32Array(workload.m * workload.k);
  for (let i = 0; i < x.length; i++) x[i] = prng.nextFloat() * 2 - 1;
  return x;
}

/**
 * The weights of a kernel workload. Float32: Glorot-uniform (limit `sqrt(6 / (k + n))`).
 * Int8: values uniform in [-127, 127] and scales `limit / 127.5` (the per-column scale the
 * quantizer would give Glorot-uniform weights), both seeded by the shape.
 *
 * @example
 * ```ts
 * const weights = kernelWeights(kernelWorkload(1, 4, 2, 'int8'));
 * console.log(weights.kind, weights.values.length); // 'int8' 8
 * ```
 */
export function kernelWeights(workload: KernelWorkload): KernelWeights {
  const { k, n } = workload;
  const limit = Math.sqrt(6 / (k + n));
  const prng = new Prng(deriveSeed(BENCH_SEED, 'w', workload.weights, String(k), String(n)));
  if (workload.weights === 'f32') {
    const values = new Float32Array(k * n);
    for (let i = 0; i < values.length; i++) values[i] = (prng.nextFloat() * 2 - 1) * limit;
    return { kind: 'f32', k, n, values };
  }
  const values = new Int8Array(k * n);
  for (let i = 0; i < values.length; i++) values[i] = (prng.nextUint32() % 255) - 127;
  const scales = new Float32Array(n);
  for (let i = 0; i < n; i++) scales[i] = (limit / 127.5) * (0.5 + prng.nextFloat());
  return { kind: 'int8', k, n, values, scales };
}

/**
 * Where the bench compares outputs: `count` seeded positions `m * n + column` of the
 * `[m, n]` output (every position when the output is smaller), sorted.
 *
 * @example
 * ```ts
 * console.log(samplePositions(kernelWorkload(1, 8, 4, 'f32'), 64)); // [0, 1, 2, 3]
 * ```
 */
export function samplePositions(workload: KernelWorkload, count = 64): number[] {
  const size = workload.m * workload.n;
  if (size <= count) return Array.from({ length: size }, (_, index) => index);
  const prng = new Prng(deriveSeed(BENCH_SEED, 'sample', workload.id));
  const chosen = new Set<number>();
  while (chosen.size < count) chosen.add(prng.nextUint32() % size);
  return [...chosen].sort((a, b) => a - b);
}

/**
 * The exact output at `positions`, accumulated in float64: the oracle the bench compares
 * every library with (`scale[n] · Σ_k x · value` for int8 weights).
 *
 * @example
 * ```ts
 * const workload = kernelWorkload(1, 2, 1, 'f32');
 * console.log(exactOutputAt(new Float32Array([1, 2]), { kind: 'f32', k: 2, n: 1, values: new Float32Array([3, 4]) }, [0])); // [11]
 * ```
 */
export function exactOutputAt(x: Float32Array, weights: KernelWeights, positions: readonly number[]): number[] {
  const { k, n } = weights;
  return positions.map((position) => {
    const row = Math.floor(position / n);
    const column = position % n;
    let sum = 0;
    for (let i = 0; i < k; i++) sum += x[row * k + i]! * weights.values[i * n + column]!;
    return weights.kind === 'int8' ? sum * weights.scales[column]! : sum;
  });
}
