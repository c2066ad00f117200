import {
  HostHandle,
  QTensor,
  Tensor,
  ValueError,
  denseDimensions,
  describeValue,
  type Backend,
  type Handle,
  type KernelTable,
  type OpInputs,
} from '@qaxon/tensor';
import { denseF32 } from './impl/dense-f32.js';
import { quantizedDenseS8 } from './impl/quantized-dense-s8.js';

/**
 * The type of {@link referenceBackend}: a `Backend` whose handles hold host tensors
 * (`HostHandle`, no copy on upload), whose kernels and downloads are synchronous.
 *
 * @example
 * ```ts
 * import { referenceBackend, type ReferenceBackend } from '@qaxon/kernel-reference';
 * const backend: ReferenceBackend = referenceBackend;
 * ```
 */
export interface ReferenceBackend extends Backend {
  readonly name: 'reference';
  upload(value: Tensor | QTensor): HostHandle;
  download(handle: Handle): Tensor;
}

const NAME = 'reference';

/** The host value of a reference handle. */
function valueOf(handle: Handle): Tensor | QTensor {
  if (!(handle instanceof HostHandle) || handle.backend !== NAME) {
    throw new ValueError(`reference backend: expected one of its own handles, got ${describeValue(handle)} (upload the tensor to this backend first)`);
  }
  return handle.value;
}

function tensorOf(handle: Handle): Tensor {
  const value = valueOf(handle);
  if (value instanceof QTensor) throw new ValueError(`reference backend: expected a plain tensor handle, got a quantized weight ${value.toString()}`);
  return value;
}

function output(value: Tensor): HostHandle {
  return new HostHandle(NAME, value);
}

const kernels: KernelTable = {
  dense({ x, kernel, bias }: OpInputs<'dense'>) {
    const { rows, inner, units, outputShape } = denseDimensions('dense', { x, kernel, bias });
    const out = denseF32(tensorOf(x).data as Float32Array, rows, inner, tensorOf(kernel).data as Float32Array, units, bias === undefined ? undefined : (tensorOf(bias).data as Float32Array));
    return output(new Tensor(out, outputShape, 'f32'));
  },
  quantizedDense({ x, kernel, bias }: OpInputs<'quantizedDense'>) {
    const { rows, inner, units, outputShape } = denseDimensions('quantizedDense', { x, kernel, bias });
    const q = valueOf(kernel) as QTensor;
    const out = quantizedDenseS8(
      tensorOf(x).data as Float32Array,
      rows,
      inner,
      q.value.data,
      q.scale.data,
      q.zeroPoint.data,
      units,
      bias === undefined ? undefined : (tensorOf(bias).data as Float32Array),
    );
    return output(new Tensor(out, outputShape, 'f32'));
  },
};

/**
 * The reference backend, qaxon's oracle: every op of the op table as plain loops, and on
 * the dense ops exactly the float32 roundings of Axon 0.8.1 on Nx's BinaryBackend (the dot
 * in float64 rounded once, then the scale, then the bias), so those results are
 * bit-identical to Axon's. Every other backend is judged against it by
 * `@qaxon/kernel-reference/conformance`. Its handles hold the host tensors themselves (no
 * copy), its kernels are synchronous.
 *
 * @example
 * ```ts
 * import { QTensor, tensor, runOp } from '@qaxon/tensor';
 * import { referenceBackend } from '@qaxon/kernel-reference';
 * const q = new QTensor(tensor([[1, -2], [3, 4]], { dtype: 's8' }), tensor([0.5, 0.25]));
 * const y = await runOp(referenceBackend, 'quantizedDense', { x: tensor([[1, 2]]), kernel: q, bias: tensor([1, -1]) }, {});
 * console.log(y.toArray()); // [[4.5, 0.5]]
 * ```
 */
export const referenceBackend: ReferenceBackend = Object.freeze({
  name: NAME,
  kernels: Object.freeze(kernels),
  upload(value: Tensor | QTensor): HostHandle {
    if (!(value instanceof Tensor) && !(value instanceof QTensor)) {
      throw new ValueError(`reference backend: upload expected a Tensor or a QTensor, got ${describeValue(value)}`);
    }
    return new HostHandle(NAME, value);
  },
  download(handle: Handle): Tensor {
    return tensorOf(handle);
  },
  release(handle: Handle): void {
    if (handle instanceof HostHandle && handle.backend === NAME) handle.release();
  },
  owns(handle: unknown): handle is Handle {
    return handle instanceof HostHandle && handle.backend === NAME && handle.live;
  },
});
