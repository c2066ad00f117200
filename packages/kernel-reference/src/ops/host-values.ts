import { HostHandle, QTensor, ValueError, describeValue, type Handle, type Tensor } from '@qaxon/tensor';

/** The backend name every reference handle carries. */
export const REFERENCE_NAME = 'reference';

/** The host value of a reference handle (a `ValueError` for another backend's handle or a released one). */
export function valueOf(handle: Handle): Tensor | QTensor {
  if (!(handle instanceof HostHandle) || handle.backend !== REFERENCE_NAME) {
    throw new ValueError(`reference backend: expected one of its own handles, got ${describeValue(handle)} (upload the tensor to this backend first)`);
  }
  return handle.value;
}

/** The plain tensor of a reference handle (a `ValueError` for a quantized weight). */
export function tensorOf(handle: Handle): Tensor {
  const value = valueOf(handle);
  if (value instanceof QTensor) throw new ValueError(`reference backend: expected a plain tensor handle, got a quantized weight ${value.toString()}`);
  return value;
}

/** The float32 data of an f32 reference handle. */
export function f32Of(handle: Handle): Float32Array {
  return tensorOf(handle).data as Float32Array;
}
