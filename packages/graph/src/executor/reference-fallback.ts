import { referenceBackend } from '@qaxon/kernel-reference';
import { Tensor, ValueError, formatShape, type Backend, type Handle, type Kernel, type KernelTable, type OpAttrs, type OpInputs, type OpName, type QTensor } from '@qaxon/tensor';

/**
 * Runs op `op` on the reference backend for a backend that cannot: each input handle is
 * brought to the host (the host weight it was uploaded from when there is one, else a
 * download), the reference kernel runs, and its output is uploaded to `backend`. Every
 * reference handle made on the way is released; the returned handle belongs to `backend`.
 *
 * @example
 * ```ts
 * import { referenceBackend } from '@qaxon/kernel-reference';
 * import { tensor } from '@qaxon/tensor';
 * import { runOnReference } from '@qaxon/graph/internals';
 * const x = referenceBackend.upload(tensor([-1, 2]));
 * const y = await runOnReference(referenceBackend, 'relu', { x }, {}, new Map());
 * console.log(referenceBackend.download(y).toArray()); // [0, 2]
 * ```
 */
export async function runOnReference<O extends OpName>(
  backend: Backend,
  op: O,
  inputs: OpInputs<O>,
  attrs: OpAttrs<O>,
  hostValues: ReadonlyMap<Handle, Tensor | QTensor>,
): Promise<Handle> {
  const kernel = (referenceBackend.kernels as KernelTable)[op] as Kernel<O> | undefined;
  if (kernel === undefined) throw new ValueError(`${op}: the reference backend has no kernel for this op, so it cannot stand in for backend '${backend.name}'`);
  const made: Handle[] = [];
  const toReference = async (handle: Handle): Promise<Handle> => {
    if (referenceBackend.owns(handle)) return handle;
    const host = hostValues.get(handle) ?? (await downloadForFallback(backend, op, handle));
    const uploaded = referenceBackend.upload(host);
    made.push(uploaded);
    return uploaded;
  };
  try {
    const moved: Record<string, Handle | Handle[]> = {};
    for (const [name, value] of Object.entries(inputs as Record<string, Handle | readonly Handle[] | undefined>)) {
      if (value === undefined) continue;
      moved[name] = Array.isArray(value) ? await Promise.all((value as readonly Handle[]).map(toReference)) : await toReference(value as Handle);
    }
    const output = await kernel(moved as OpInputs<O>, attrs);
    made.push(output);
    return backend.upload(referenceBackend.download(output));
  } finally {
    for (const handle of made) referenceBackend.release(handle);
  }
}

async function downloadForFallback(backend: Backend, op: OpName, handle: Handle): Promise<Tensor> {
  if (handle.quantization !== undefined) {
    throw new ValueError(
      `${op}: cannot run on the reference backend: the quantized weight ${formatShape(handle.shape)} is held only by backend '${backend.name}' (a placed state has no host copy); predict with the host state instead, or use a backend whose kernel runs it`,
    );
  }
  const tensor = await backend.download(handle);
  if (!(tensor instanceof Tensor)) throw new ValueError(`${op}: backend '${backend.name}' downloaded ${String(tensor)} instead of a Tensor`);
  return tensor;
}
