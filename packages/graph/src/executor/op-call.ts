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
  type OpSpecs,
  type QTensor,
  type Tensor,
} from '@qaxon/tensor';
import type { OpPlacement } from '../placement/op-placement.js';
import type { ModelRuntime } from './model-runtime.js';
import { runOnReference } from './reference-fallback.js';

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
export async function runOpCall<O extends OpName>(op: O, inputs: OpInputs<O>, attrs: OpAttrs<O>, site: OpCallSite): Promise<Handle> {
  if (!isOpName(op)) throw new ValueError(`context.run: unknown op ${describeValue(op)}`);
  const { backend } = site.runtime;
  const expected = inferOpOutput(op, inputs as unknown as OpSpecs<O>, attrs ?? ({} as OpAttrs<O>));
  const kernel = backend.kernels[op];
  let reason = `backend '${backend.name}' has no ${op} kernel`;
  let output: Handle | undefined;
  if (kernel !== undefined) {
    try {
      output = await kernel(inputs, attrs);
      site.record({ layer: site.layer, op, kind: 'backend', ranOn: backend.name, reason: `${backend.name} implements ${op}` });
    } catch (error) {
      if (!(error instanceof KernelUnsupportedError)) throw error;
      reason = `the ${backend.name} kernel refused: ${error.message}`;
    }
  }
  if (output === undefined) {
    output = await runOnReference(backend, op, inputs, attrs, site.hostValues);
    site.record({ layer: site.layer, op, kind: 'fallback', ranOn: 'reference', reason });
  }
  if (!shapesEqual(output.shape, expected.shape) || output.dtype !== expected.dtype) {
    throw new ValueError(
      `${op}: the kernel of backend '${backend.name}' returned ${output.dtype} ${formatShape(output.shape)}, but the op's output is ${expected.dtype} ${formatShape(expected.shape)}`,
    );
  }
  return output;
}
