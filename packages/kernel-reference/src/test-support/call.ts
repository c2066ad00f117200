import { QTensor, Tensor, ValueError, describeValue, inferOpOutput, type Handle, type HostOpInputs, type OpAttrs, type OpName, type OpSpecs } from '@qaxon/tensor';
import { referenceBackend } from '../reference-backend.js';

/**
 * Runs one op on the reference backend synchronously (upload, check with inferOpOutput,
 * kernel, download, release): the tests' shorthand.
 */
export function call<O extends OpName>(op: O, inputs: HostOpInputs<O>, attrs: OpAttrs<O> = {} as OpAttrs<O>): Tensor {
  const uploaded: Handle[] = [];
  const toHandle = (value: unknown): unknown => {
    if (value instanceof Tensor || value instanceof QTensor) {
      const handle = referenceBackend.upload(value);
      uploaded.push(handle);
      return handle;
    }
    if (referenceBackend.owns(value)) return value;
    throw new ValueError(`call(${op}): expected a Tensor, a QTensor or a reference handle, got ${describeValue(value)}`);
  };
  try {
    const handles: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(inputs as Record<string, unknown>)) {
      if (value !== undefined) handles[name] = Array.isArray(value) ? value.map(toHandle) : toHandle(value);
    }
    inferOpOutput(op, handles as OpSpecs<O>, attrs);
    const kernel = referenceBackend.kernels[op] as (inputs: unknown, attrs: unknown) => Handle;
    const output = kernel(handles, attrs);
    const result = referenceBackend.download(output);
    referenceBackend.release(output);
    return result;
  } finally {
    for (const handle of uploaded) referenceBackend.release(handle);
  }
}
