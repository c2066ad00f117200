import { erf } from '@qaxon/tensor';
import { blockRows, type BlockShape } from '../workloads/block-shapes.js';
import type { BlockDense, BlockInputs, BlockNorm, BlockWeights } from '../workloads/block-weights.js';

/**
 * A transformer block in plain float64 JavaScript, written from the Hugging Face modeling
 * code (BertLayer; LlamaDecoderLayer with `rotate_half` RoPE and grouped-query attention),
 * independent of qaxon and ONNX Runtime: the tests' check of both. Tiny shapes only.
 *
 * @example
 * ```ts
 * const y = blockOracle(shape, blockWeights(shape), blockInputs(shape));
 * ```
 */
export function blockOracle(shape: BlockShape, weights: BlockWeights, inputs: BlockInputs): number[] {
  const rows = blockRows(shape);
  const x = Array.from({ length: rows }, (_, row) => [...inputs.x.subarray(row * shape.hidden, (row + 1) * shape.hidden)]);
  const linear = (vectors: number[][], dense: BlockDense) =>
    vectors.map((vector) =>
      Array.from({ length: dense.n }, (_, column) => {
        let sum = dense.bias?.[column] ?? 0;
        for (let i = 0; i < dense.k; i++) sum += vector[i]! * dense.kernel[i * dense.n + column]!;
        return sum;
      }),
    );
  const plus = (a: number[][], b: number[][]) => a.map((row, r) => row.map((value, c) => value + b[r]![c]!));
  const softmax = (scores: number[]) => {
    const max = Math.max(...scores);
    const exps = scores.map((score) => Math.exp(score - max));
    const total = exps.reduce((sum, value) => sum + value, 0);
    return exps.map((value) => value / total);
  };
  /** Attention of `queries` over `keys`/`values` with `heads` query heads sharing `kvHeads` key/value heads. */
  const attention = (queries: number[][], keys: number[][], values: number[][], heads: number, kvHeads: number, headDim: number) =>
    queries.map((query) => {
      const out: number[] = [];
      for (let head = 0; head < heads; head++) {
        const kvHead = Math.floor(head / (heads / kvHeads));
        const part = (vector: number[], h: number) => vector.slice(h * headDim, (h + 1) * headDim);
        const q = part(query, head);
        const p = softmax(keys.map((key) => part(key, kvHead).reduce((sum, value, i) => sum + value * q[i]!, 0) / Math.sqrt(headDim)));
        for (let i = 0; i < headDim; i++) out.push(values.reduce((sum, value, j) => sum + p[j]! * value[kvHead * headDim + i]!, 0));
      }
      return out;
    });
  const [n0, n1] = weights.norms as [BlockNorm, BlockNorm];
  if (shape.family === 'bert') {
    const [q, k, v, o, inner, outer] = weights.denses as [BlockDense, BlockDense, BlockDense, BlockDense, BlockDense, BlockDense];
    const layerNorm = (vectors: number[][], norm: BlockNorm) =>
      vectors.map((vector) => {
        const mean = vector.reduce((sum, value) => sum + value, 0) / vector.length;
        const variance = vector.reduce((sum, value) => sum + (value - mean) ** 2, 0) / vector.length;
        return vector.map((value, i) => ((value - mean) / Math.sqrt(variance + shape.epsilon)) * norm.gamma[i]! + (norm.beta?.[i] ?? 0));
      });
    const dHead = shape.hidden / shape.heads;
    const attended = layerNorm(plus(x, linear(attention(linear(x, q), linear(x, k), linear(x, v), shape.heads, shape.heads, dHead), o)), n0);
    const gelu = linear(attended, inner).map((row) => row.map((value) => 0.5 * value * (1 + erf(value / Math.SQRT2))));
    return layerNorm(plus(attended, linear(gelu, outer)), n1).flat();
  }
  const [q, k, v, o, gate, up, down] = weights.denses as [BlockDense, BlockDense, BlockDense, BlockDense, BlockDense, BlockDense, BlockDense];
  const rmsNorm = (vectors: number[][], norm: BlockNorm) =>
    vectors.map((vector) => {
      const meanSquare = vector.reduce((sum, value) => sum + value * value, 0) / vector.length;
      return vector.map((value, i) => (value / Math.sqrt(meanSquare + shape.epsilon)) * norm.gamma[i]!);
    });
  const { headDim, past } = shape;
  const half = headDim / 2;
  const rope = (vector: number[], position: number) =>
    vector.map((value, index) => {
      const i = index % headDim;
      const pair = i < half ? i : i - half;
      const angle = position * shape.theta ** ((-2 * pair) / headDim);
      const partner = vector[index - i + (i < half ? i + half : i - half)]!;
      return i < half ? value * Math.cos(angle) - partner * Math.sin(angle) : value * Math.cos(angle) + partner * Math.sin(angle);
    });
  const width = shape.kvHeads * headDim;
  const cache = (values: Float32Array) => Array.from({ length: past }, (_, row) => [...values.subarray(row * width, (row + 1) * width)]);
  const normed = rmsNorm(x, n0);
  const position = inputs.position ?? past;
  const keys = [...cache(inputs.pastKey!), ...linear(normed, k).map((key) => rope(key, position))];
  const values = [...cache(inputs.pastValue!), ...linear(normed, v)];
  const queries = linear(normed, q).map((query) => rope(query, position));
  const attended = plus(x, linear(attention(queries, keys, values, shape.heads, shape.kvHeads, headDim), o));
  const normedAgain = rmsNorm(attended, n1);
  const gates = linear(normedAgain, gate);
  const ups = linear(normedAgain, up);
  const gated = gates.map((row, r) => row.map((value, c) => (value / (1 + Math.exp(-value))) * ups[r]![c]!));
  return plus(attended, linear(gated, down)).flat();
}
