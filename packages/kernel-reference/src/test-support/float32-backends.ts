/**
 * Test-only backends that compute like real accelerated ones, in float32 (Math.fround after
 * every operation), to check that the conformance tolerance never fails a correct float32
 * backend, whatever its summation order. Not shipped (excluded from the build).
 */
import { Tensor, type Backend, type DenseBias, type QTensor } from '@qaxon/tensor';
import { validateDenseInputs } from '../validate-dense-inputs.js';

const f32 = Math.fround;

/** How a float32 backend orders its reduction over K. */
export type Float32Order = 'sequential' | 'lanes-of-4' | 'pairwise' | 'dequantize-first';

/** Sums `terms(k)` for k in [0, inner) in float32, in the given order. */
function sumFloat32(inner: number, term: (k: number) => number, order: Float32Order): number {
  if (order === 'lanes-of-4') {
    const lanes = [0, 0, 0, 0];
    for (let k = 0; k < inner; k++) lanes[k % 4] = f32(lanes[k % 4]! + term(k));
    return f32(f32(lanes[0]! + lanes[1]!) + f32(lanes[2]! + lanes[3]!));
  }
  if (order === 'pairwise') {
    const pairwise = (from: number, to: number): number => {
      if (to - from <= 8) {
        let sum = 0;
        for (let k = from; k < to; k++) sum = f32(sum + term(k));
        return sum;
      }
      const middle = (from + to) >>> 1;
      return f32(pairwise(from, middle) + pairwise(middle, to));
    };
    return pairwise(0, inner);
  }
  let sum = 0;
  for (let k = 0; k < inner; k++) sum = f32(sum + term(k));
  return sum;
}

function biasAt(bias: DenseBias, n: number): number {
  return bias === undefined ? 0 : typeof bias === 'number' ? f32(bias) : bias.data[n]!;
}

/** A float32 backend whose reduction follows `order`. */
export function float32Backend(order: Float32Order): Backend {
  return {
    name: `float32 ${order}`,
    dense(x: Tensor<'f32'>, kernel: Tensor<'f32'>, bias?: DenseBias): Tensor<'f32'> {
      const { rows, inner, units, outputShape } = validateDenseInputs('dense', x, kernel, bias);
      const out = new Float32Array(rows * units);
      for (let m = 0; m < rows; m++) {
        for (let n = 0; n < units; n++) {
          const sum = sumFloat32(inner, (k) => f32(x.data[m * inner + k]! * kernel.data[k * units + n]!), order);
          out[m * units + n] = f32(sum + biasAt(bias, n));
        }
      }
      return new Tensor(out, outputShape, 'f32');
    },
    async quantizedDense(x: Tensor<'f32'>, kernel: QTensor, bias?: DenseBias): Promise<Tensor<'f32'>> {
      const { rows, inner, units, outputShape } = validateDenseInputs('quantizedDense', x, kernel, bias);
      const values = kernel.value.data;
      const scales = kernel.scale.data;
      const zeros = kernel.zeroPoint.data;
      const out = new Float32Array(rows * units);
      for (let m = 0; m < rows; m++) {
        for (let n = 0; n < units; n++) {
          const xAt = (k: number): number => x.data[m * inner + k]!;
          const integer = (k: number): number => values[k * units + n]! - zeros[n]!;
          if (order === 'dequantize-first') {
            const sum = sumFloat32(inner, (k) => f32(xAt(k) * f32(integer(k) * scales[n]!)), 'sequential');
            out[m * units + n] = f32(sum + biasAt(bias, n));
          } else {
            const sum = sumFloat32(inner, (k) => f32(xAt(k) * integer(k)), order);
            out[m * units + n] = f32(f32(scales[n]! * sum) + biasAt(bias, n));
          }
        }
      }
      // Asynchronous on purpose: the suite must await every result.
      await Promise.resolve();
      return new Tensor(out, outputShape, 'f32');
    },
  };
}
