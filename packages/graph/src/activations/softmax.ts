import { DTypeError, ShapeError, Tensor, formatShape } from '@qaxon/tensor';

/**
 * Softmax along the last axis: for each row `r`,
 * `softmax(r)_i = e^(r_i - max(r)) / Σ_j e^(r_j - max(r))`. Subtracting the row maximum
 * leaves the result unchanged (it cancels in the ratio) but keeps every exponent <= 0, so
 * nothing overflows; the sum is accumulated in float64. Every row sums to 1.
 *
 * @example
 * ```ts
 * import { tensor } from '@qaxon/tensor';
 * import { softmaxMath } from '@qaxon/graph';
 * console.log(softmaxMath(tensor([[1000, 1000]])).toArray()); // [[0.5, 0.5]]
 * ```
 */
export function softmaxMath(x: Tensor): Tensor<'f32'> {
  if (!(x instanceof Tensor) || x.dtype !== 'f32') {
    throw new DTypeError(`softmax: expected an f32 tensor, got ${x instanceof Tensor ? `dtype '${x.dtype}'` : String(x)}`);
  }
  if (x.rank === 0) throw new ShapeError(`softmax: expected a tensor of rank >= 1, got shape ${formatShape(x.shape)}`);
  const width = x.shape[x.rank - 1]!;
  const source = x.data as Float32Array;
  const out = new Float32Array(source.length);
  const exps = new Float64Array(width);
  for (let start = 0; start < source.length; start += width) {
    let rowMax = -Infinity;
    for (let i = 0; i < width; i++) rowMax = Math.max(rowMax, source[start + i]!);
    let total = 0;
    for (let i = 0; i < width; i++) {
      exps[i] = Math.exp(source[start + i]! - rowMax);
      total += exps[i]!;
    }
    for (let i = 0; i < width; i++) out[start + i] = exps[i]! / total;
  }
  return new Tensor(out, x.shape, 'f32');
}
