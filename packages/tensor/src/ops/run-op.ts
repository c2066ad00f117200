import type { Backend } from '../backend.js';
import { describeValue } from '../describe.js';
import { ValueError } from '../errors.js';
import { QTensor } from '../qtensor.js';
import { Tensor } from '../tensor.js';
import type { Handle } from './handle.js';
import { inferOpOutput, type OpSpecs } from './infer-op-output.js';
import { isOpName, type OpAttrs, type OpInputs, type OpName } from './op-table.js';

/**
 * One input of an op as {@link runOp} takes it: where the op wants a handle, a host
 * `Tensor`, a `QTensor` or a handle; where it wants a list of handles, a list of those.
 *
 * @example
 * ```ts
 * import { ones, type Handle, type HostOrHandle } from '@qaxon/tensor';
 * const x: HostOrHandle<Handle> = ones([2]);
 * ```
 */
export type HostOrHandle<T> = T extends Handle ? Tensor | QTensor | Handle : T extends readonly Handle[] ? readonly (Tensor | QTensor | Handle)[] : T;

/**
 * The inputs of op `O` as {@link runOp} takes them: host tensors, quantized weights or
 * handles the backend already holds.
 *
 * @example
 * ```ts
 * import { ones, type HostOpInputs } from '@qaxon/tensor';
 * const inputs: HostOpInputs<'relu'> = { x: ones([3]) };
 * ```
 */
export type HostOpInputs<O extends OpName> = { [K in keyof OpInputs<O>]: HostOrHandle<OpInputs<O>[K]> };

/**
 * Runs one op on one backend from the host: uploads the host inputs, checks them with
 * `inferOpOutput`, runs the backend's kernel, downloads the result and releases what it
 * uploaded and the output handle. For tests, benchmarks and one-off calls; a model runs
 * through the graph's executor, which keeps data on the backend between ops and falls back
 * to the reference backend for ops a backend lacks (here that is a `ValueError`).
 *
 * @example
 * ```ts
 * import { QTensor, tensor, runOp } from '@qaxon/tensor';
 * import { referenceBackend } from '@qaxon/kernel-reference';
 * const q = QTensor.fromTensor(tensor([[1, -2], [3, 4]]));
 * const y = await runOp(referenceBackend, 'quantizedDense', { x: tensor([[1, 2]]), kernel: q }, {});
 * console.log(y.shape); // [1, 2]
 * ```
 */
export async function runOp<O extends OpName>(backend: Backend, op: O, inputs: HostOpInputs<O>, attrs: OpAttrs<O>): Promise<Tensor> {
  if (!isOpName(op)) throw new ValueError(`runOp: unknown op ${describeValue(op)}`);
  const kernel = backend.kernels[op];
  if (kernel === undefined) {
    throw new ValueError(`runOp: backend '${backend.name}' does not implement op '${op}' (it implements ${Object.keys(backend.kernels).join(', ') || 'no ops'})`);
  }
  const uploaded: Handle[] = [];
  const toHandle = (value: unknown, where: string): Handle => {
    if (value instanceof Tensor || value instanceof QTensor) {
      const handle = backend.upload(value);
      uploaded.push(handle);
      return handle;
    }
    if (backend.owns(value)) return value;
    throw new ValueError(`runOp(${op}): expected input '${where}' to be a Tensor, a QTensor or a live handle of backend '${backend.name}', got ${describeValue(value)}`);
  };
  try {
    const handles: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(inputs as Record<string, unknown>)) {
      if (value === undefined) continue;
      handles[name] = Array.isArray(value) ? value.map((item, index) => toHandle(item, `${name}[${index}]`)) : toHandle(value, name);
    }
    inferOpOutput(op, handles as OpSpecs<O>, attrs);
    const output = await kernel(handles as OpInputs<O>, attrs);
    try {
      return await backend.download(output);
    } finally {
      if (!uploaded.includes(output)) backend.release(output);
    }
  } finally {
    for (const handle of uploaded) backend.release(handle);
  }
}
