import { Prng, Tensor, randomNormal, type Shape } from '@qaxon/tensor';

/** Seeded f32 normal values (scaled), the same on every run. */
export function normal(shape: Shape, seed: number, scale = 1): Tensor<'f32'> {
  const x = randomNormal(shape, { seed });
  if (scale !== 1) for (let i = 0; i < x.data.length; i++) x.data[i] = x.data[i]! * scale;
  return x;
}

/** Seeded integers in `[low, high]` as an s8 or s32 tensor. */
export function integers<D extends 's8' | 's32'>(shape: Shape, seed: number, low: number, high: number, dtype: D): Tensor<D> {
  const prng = new Prng(seed);
  let size = 1;
  for (const d of shape) size *= d;
  const data = dtype === 's8' ? new Int8Array(size) : new Int32Array(size);
  for (let i = 0; i < size; i++) data[i] = low + Math.floor(prng.nextFloat() * (high - low + 1));
  return new Tensor(data as never, shape, dtype) as Tensor<D>;
}

/** Seeded positive scales (`[0.001, 0.05)`), one per channel. */
export function scales(units: number, seed: number): Tensor<'f32'> {
  const prng = new Prng(seed);
  const data = new Float32Array(units);
  for (let i = 0; i < units; i++) data[i] = 0.001 + prng.nextFloat() * 0.049;
  return new Tensor(data, [units], 'f32');
}

/** `x` with some entries replaced: `[flatIndex, value]` pairs. */
export function withValues(x: Tensor<'f32'>, entries: readonly (readonly [number, number])[]): Tensor<'f32'> {
  for (const [index, value] of entries) x.data[index] = value;
  return x;
}
