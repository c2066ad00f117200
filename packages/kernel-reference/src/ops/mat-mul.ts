import { Tensor, broadcastStrides, matMulDimensions, sizeOf, stridesOf, type OpAttrs, type OpInputs } from '@qaxon/tensor';
import { f32Of } from './host-values.js';

/**
 * `matMul`: for each batch position (batch axes broadcast), `Σ_k a[m][k]·b[k][n]` in
 * float64, rounded once to float32 (as `dense` does).
 */
export function matMulOp({ a, b }: OpInputs<'matMul'>, attrs: OpAttrs<'matMul'>): Tensor {
  const { batchShape, m, k, n, outputShape } = matMulDimensions({ a, b }, attrs);
  const transposeA = attrs.transposeA === true;
  const transposeB = attrs.transposeB === true;
  const aData = f32Of(a);
  const bData = f32Of(b);
  const aBatchStrides = broadcastStrides(a.shape.slice(0, -2), batchShape);
  const bBatchStrides = broadcastStrides(b.shape.slice(0, -2), batchShape);
  const batchStrides = stridesOf(batchShape);
  const batches = sizeOf(batchShape);
  const out = new Float32Array(batches * m * n);
  for (let batch = 0; batch < batches; batch++) {
    // The offset of this batch's matrix in a and in b (a broadcast axis has stride 0).
    let aMatrix = 0;
    let bMatrix = 0;
    for (let axis = 0; axis < batchShape.length; axis++) {
      const index = Math.floor(batch / batchStrides[axis]!) % batchShape[axis]!;
      aMatrix += index * aBatchStrides[axis]!;
      bMatrix += index * bBatchStrides[axis]!;
    }
    aMatrix *= m * k;
    bMatrix *= k * n;
    for (let row = 0; row < m; row++) {
      for (let column = 0; column < n; column++) {
        let sum = 0;
        for (let i = 0; i < k; i++) {
          const left = aData[aMatrix + (transposeA ? i * m + row : row * k + i)]!;
          const right = bData[bMatrix + (transposeB ? column * k + i : i * n + column)]!;
          sum += left * right;
        }
        out[(batch * m + row) * n + column] = sum;
      }
    }
  }
  return new Tensor(out, outputShape, 'f32');
}
