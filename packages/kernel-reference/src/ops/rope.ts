import { Tensor, ropeDimensions, type OpAttrs, type OpInputs } from '@qaxon/tensor';
import { f32Of, tensorOf } from './host-values.js';

/**
 * `rope`, rotary position embeddings, in float64 and rounded once to f32: for pair `i` of a
 * head (`i < rotaryDim / 2`) at position `p`, the angle `a = p · theta^(-2i / rotaryDim)`
 * rotates the pair `(x1, x2)` to `(x1 cos a - x2 sin a, x2 cos a + x1 sin a)`. The pair is
 * `(i, i + rotaryDim / 2)` (Hugging Face's `rotate_half`) or `(2i, 2i + 1)` when
 * `interleaved`; entries from `rotaryDim` on pass through.
 */
export function ropeOp(inputs: OpInputs<'rope'>, attrs: OpAttrs<'rope'>): Tensor {
  const { batch, sequence, heads, headDim, rotaryDim, positionsPerBatch } = ropeDimensions(inputs, attrs);
  const x = f32Of(inputs.x);
  const positions = tensorOf(inputs.positions).data as Int32Array;
  const out = new Float32Array(x);
  const half = rotaryDim / 2;
  const frequencies = Float64Array.from({ length: half }, (_, i) => Math.pow(attrs.theta, (-2 * i) / rotaryDim));
  for (let b = 0; b < batch; b++) {
    for (let s = 0; s < sequence; s++) {
      const position = positions[positionsPerBatch ? b * sequence + s : s]!;
      const rowBase = (b * sequence + s) * heads * headDim;
      for (let i = 0; i < half; i++) {
        const angle = position * frequencies[i]!;
        const cos = Math.cos(angle);
        const sin = Math.sin(angle);
        const first = attrs.interleaved ? 2 * i : i;
        const second = attrs.interleaved ? 2 * i + 1 : i + half;
        for (let h = 0; h < heads; h++) {
          const base = rowBase + h * headDim;
          const x1 = x[base + first]!;
          const x2 = x[base + second]!;
          out[base + first] = x1 * cos - x2 * sin;
          out[base + second] = x2 * cos + x1 * sin;
        }
      }
    }
  }
  return new Tensor(out, inputs.x.shape, 'f32');
}
