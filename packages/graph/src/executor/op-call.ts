import {
  KernelUnsupportedError,
  ValueError,
  describeValue,
  formatShape,
  inferOpOutput,
  isOpName,
  shapesEqual,
  type Handle,
  type OpAttrs,
  type OpInputs,
  type OpName,
  type OpOutput,
  type OpSpecs,
  type QTensor,
  type Tensor,
} from '@qaxon/tensor';
import type { OpPlacement } from '../placement/op-placement.js';
import type { ModelRuntime } from './model-runtime.js';
import { runOnReference } from './reference-fallback.js';

/** The reason recorded for an op the backend ran itself. */
const IMPLEMENTS = 'the backend implements it';

/**
 * What one op call needs besides its inputs: the model's runtime, the layer making the
 * call, the host weights behind weight handles (for a fallback), and where to record the
 * placement.
 *
 * @example
 * ```ts
 * import { referenceBackend } from '@qaxon/kernel-reference';
 * import { WeightCache } from '@qaxon/tensor';
 * import type { OpPlacement } from '@qaxon/graph';
 * import type { OpCallSite } from '@qaxon/graph/internals';
 * const placements: OpPlacement[] = [];
 * const site: OpCallSite = {
 *   runtime: { backend: referenceBackend, weights: new WeightCache(referenceBackend) },
 *   layer: 'relu_0',
 *   hostValues: new Map(),
 *   record: (entry) => placements.push(entry),
 * };
 * ```
 */
export interface OpCallSite {
  /** The model's backend and weight cache. */
  readonly runtime: ModelRuntime;
  /** The name of the layer making the call. */
  readonly layer: string;
  /** Host weights by the handle they were uploaded to (a fallback uses them instead of downloading). */
  readonly hostValues: ReadonlyMap<Handle, Tensor | QTensor>;
  /** Receives where the call ran. */
  readonly record: (placement: OpPlacement) => void;
}

/**
 * Runs one op call of a layer: checks the inputs with `inferOpOutput` (the same errors on
 * every backend), runs the backend's kernel, or the reference backend's when the backend
 * has no kernel for `op` or its kernel throws `KernelUnsupportedError`, checks the output
 * handle's shape, and records where the call ran and why.
 *
 * @example
 * ```ts
 * import { referenceBackend } from '@qaxon/kernel-reference';
 * import { WeightCache, tensor } from '@qaxon/tensor';
 * import { runOpCall } from '@qaxon/graph/internals';
 * const runtime = { backend: referenceBackend, weights: new WeightCache(referenceBackend) };
 * const x = referenceBackend.upload(tensor([[1, 2]]));
 * const kernel = referenceBackend.upload(tensor([[1], [1]]));
 * const y = await runOpCall('dense', { x, kernel }, {}, { runtime, layer: 'dense_0', hostValues: new Map(), record: () => {} });
 * console.log(referenceBackend.download(y).toArray()); // [[3]]
 * ```
 */
export function runOpCall<O extends OpName>(op: O, inputs: OpInputs<O>, attrs: OpAttrs<O>, site: OpCallSite): Promise<Handle> {
  try {
    return Promise.resolve(startOpCall(op, inputs, attrs, site));
  } catch (error) {
    return Promise.reject(error as Error);
  }
}

/**
 * {@link runOpCall} without a promise when the backend's kernel is synchronous (WASM, the
 * reference): the executor calls it for every op, and each promise hop costs time on small
 * models. Errors of the checks are thrown; a refused or missing kernel falls back.
 *
 * @example
 * ```ts
 * import { referenceBackend } from '@qaxon/kernel-reference';
 * import { WeightCache, tensor } from '@qaxon/tensor';
 * import { startOpCall } from '@qaxon/graph/internals';
 * const runtime = { backend: referenceBackend, weights: new WeightCache(referenceBackend) };
 * const x = referenceBackend.upload(tensor([[-1, 2]]));
 * const y = startOpCall('relu', { x }, {}, { runtime, layer: 'relu_0', hostValues: new Map(), record: () => {} }); // a handle, no promise
 * ```
 */
export function startOpCall<O extends OpName>(op: O, inputs: OpInputs<O>, attrs: OpAttrs<O>, site: OpCallSite): Handle | Promise<Handle> {
  if (!isOpName(op)) throw new ValueError(`context.run: unknown op ${describeValue(op)}`);
  const { backend } = site.runtime;
  const expected = inferOpOutput(op, inputs as unknown as OpSpecs<O>, attrs ?? ({} as OpAttrs<O>));
  const kernel = backend.kernels[op];
  if (kernel === undefined) return fallback(op, inputs, attrs, site, expected, `backend '${backend.name}' has no ${op} kernel`);
  let result: Handle | Promise<Handle>;
  try {
    result = kernel(inputs, attrs);
  } catch (error) {
    return refused(op, inputs, attrs, site, expected, error);
  }
  if (result instanceof Promise) {
    return result.then(
      (output) => ranOnBackend(op, site, expected, output),
      (error: unknown) => refused(op, inputs, attrs, site, expected, error),
    );
  }
  return ranOnBackend(op, site, expected, result);
}

/** Records a call the backend ran and checks its output (the fast path: no closure per call). */
function ranOnBackend(op: OpName, site: OpCallSite, expected: OpOutput, output: Handle): Handle {
  const { backend } = site.runtime;
  site.record({ layer: site.layer, op, kind: 'backend', ranOn: backend.name, reason: IMPLEMENTS });
  return checkedOutput(op, backend.name, expected, output);
}

/** Falls back to the reference backend when the kernel refused with `KernelUnsupportedError`; rethrows anything else. */
function refused<O extends OpName>(op: O, inputs: OpInputs<O>, attrs: OpAttrs<O>, site: OpCallSite, expected: OpOutput, error: unknown): Promise<Handle> {
  if (!(error instanceof KernelUnsupportedError)) throw error;
  return fallback(op, inputs, attrs, site, expected, `the ${site.runtime.backend.name} kernel refused: ${error.message}`);
}

async function fallback<O extends OpName>(op: O, inputs: OpInputs<O>, attrs: OpAttrs<O>, site: OpCallSite, expected: OpOutput, reason: string): Promise<Handle> {
  const { backend } = site.runtime;
  const output = await runOnReference(backend, op, inputs, attrs, site.hostValues);
  site.record({ layer: site.layer, op, kind: 'fallback', ranOn: 'reference', reason });
  return checkedOutput(op, backend.name, expected, output);
}

function checkedOutput(op: OpName, backendName: string, expected: OpOutput, output: Handle): Handle {
  if (!shapesEqual(output.shape, expected.shape) || output.dtype !== expected.dtype) {
    throw new ValueError(
      `${op}: the kernel of backend '${backendName}' returned ${output.dtype} ${formatShape(output.shape)}, but the op's output is ${expected.dtype} ${formatShape(expected.shape)}`,
    );
  }
  return output;
}
