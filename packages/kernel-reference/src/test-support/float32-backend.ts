/**
 * A correct backend that sums in float32 (sequentially, rounding after every step) instead
 * of float64: it must pass the suite with FLOAT32_ACCUMULATION declared, which shows the
 * tolerance is sound. Test-only.
 */
import type { HostHandle} from '@qaxon/tensor';
import { QTensor, Tensor, denseDimensions, matMulDimensions, type Backend, type DenseAttrs, type Handle, type KernelTable } from '@qaxon/tensor';
import { withDenseActivation } from '../ops/dense-activation.js';
import { FLOAT32_ACCUMULATION } from '../conformance/precision.js';
import { createReferenceBackend } from '../reference-backend.js';

const f = Math.fround;

function data(handle: Handle): Float32Array {
  const value = (handle as HostHandle).value;
  return (value instanceof QTensor ? value.dequantize() : value).data as Float32Array;
}

export function float32Backend(): Backend {
  const reference = createReferenceBackend();
  const denseKernel = (op: 'dense' | 'quantizedDense') =>
    (({ x, kernel, bias }: { x: Handle; kernel: Handle; bias?: Handle }, attrs?: DenseAttrs) => {
      const { rows, inner, units, outputShape } = denseDimensions(op, { x, kernel, bias });
      const xs = data(x);
      const ws = data(kernel);
      const bs = bias === undefined ? undefined : data(bias);
      const out = new Float32Array(rows * units);
      for (let m = 0; m < rows; m++) {
        for (let n = 0; n < units; n++) {
          let sum = 0;
          for (let k = 0; k < inner; k++) sum = f(sum + f(xs[m * inner + k]! * ws[k * units + n]!));
          out[m * units + n] = bs === undefined ? sum : f(sum + bs[n]!);
        }
      }
      return reference.upload(withDenseActivation(op, new Tensor(out, outputShape, 'f32'), attrs));
    });
  const kernels: KernelTable = {
    ...reference.kernels,
    dense: denseKernel('dense'),
    quantizedDense: denseKernel('quantizedDense'),
    matMul: ({ a, b }, attrs) => {
      const { m, k, n, outputShape } = matMulDimensions({ a, b }, attrs);
      if (outputShape.length !== 2) return reference.kernels.matMul({ a, b }, attrs);
      const as = data(a);
      const bs = data(b);
      const out = new Float32Array(m * n);
      for (let row = 0; row < m; row++) {
        for (let column = 0; column < n; column++) {
          let sum = 0;
          for (let i = 0; i < k; i++) {
            const left = as[attrs.transposeA ? i * m + row : row * k + i]!;
            const right = bs[attrs.transposeB ? column * k + i : i * n + column]!;
            sum = f(sum + f(left * right));
          }
          out[row * n + column] = sum;
        }
      }
      return reference.upload(new Tensor(out, outputShape, 'f32'));
    },
  };
  return { ...reference, kernels, precision: { dense: FLOAT32_ACCUMULATION, quantizedDense: FLOAT32_ACCUMULATION, matMul: FLOAT32_ACCUMULATION } };
}
