import { DTypeError, Tensor } from '@qaxon/tensor';

/**
 * Applies a scalar function to every element of an f32 tensor into a new f32 tensor
 * (each result is rounded to float32 by the store). The shared loop of the elementwise
 * activations.
 *
 * @example
 * ```ts
 * import { tensor } from '@qaxon/tensor';
 * import { mapFloat32 } from '@qaxon/graph';
 * const doubled = mapFloat32(tensor([1, 2]), (v) => 2 * v, 'double'); // [2, 4]
 * ```
 */
export function mapFloat32(x: Tensor, fn: (value: number) => number, where: string): Tensor<'f32'> {
  if (!(x instanceof Tensor) || x.dtype !== 'f32') {
    throw new DTypeError(`${where}: expected an f32 tensor, got ${x instanceof Tensor ? `dtype '${x.dtype}'` : String(x)}`);
  }
  const source = x.data as Float32Array;
  const out = new Float32Array(source.length);
  for (let i = 0; i < source.length; i++) out[i] = fn(source[i]!);
  return new Tensor(out, x.shape, 'f32');
}
