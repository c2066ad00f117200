import { QTensor, randomNormal, type Tensor } from '@qaxon/tensor';

/** A seeded `x [rows, inner]`, float kernel `[inner, units]`, its QTensor and a bias tensor. */
export function randomProblem(rows: number, inner: number, units: number, seed: number) {
  const x = randomNormal([rows, inner], { seed });
  const float = randomNormal([inner, units], { seed: seed + 1 });
  const quantized = QTensor.fromTensor(float);
  const bias = randomNormal([units], { seed: seed + 2 }) as Tensor<'f32'>;
  return { x: x as Tensor<'f32'>, float: float as Tensor<'f32'>, quantized, bias };
}
