import { QTensor, randomNormal, type Backend, type KernelName, type Tensor } from '@qaxon/tensor';
import { compareWithReference, type ConformanceVerdict } from './compare-with-reference.js';
import type { ConformancePrecision } from './precision.js';

/** `[K, units]` of the kernel {@link runRewrittenKernelCase} writes into: more elements than the stamp samples. */
const REWRITTEN_KERNEL_SHAPE = [300, 40] as const;

/**
 * The lifecycle case every backend runs: a kernel used once, then written into in bulk
 * (every element of its arrays replaced by those of another kernel, in place), then used
 * again. The second result must match the reference backend on the new contents: a
 * backend that keeps an upload must notice the write (`kernelStamp`) rather than return
 * the old result. Both calls are compared with the reference (no vitest needed).
 *
 * @example
 * ```ts
 * import { referenceBackend } from '@qaxon/kernel-reference';
 * import { FLOAT32_ACCUMULATION, runRewrittenKernelCase } from '@qaxon/kernel-reference/conformance';
 * const verdict = await runRewrittenKernelCase(referenceBackend, 'quantizedDense', FLOAT32_ACCUMULATION);
 * console.log(verdict.ok); // true
 * ```
 */
export async function runRewrittenKernelCase(backend: Backend, kernelName: KernelName, precision: ConformancePrecision): Promise<ConformanceVerdict> {
  const [inner, units] = REWRITTEN_KERNEL_SHAPE;
  const x = randomNormal([3, inner], { seed: 11 });
  const first = randomNormal([inner, units], { seed: 12 });
  const second = randomNormal([inner, units], { seed: 13 });
  const kernel = kernelName === 'dense' ? first : QTensor.fromTensor(first);
  const run = async (): Promise<unknown> =>
    kernelName === 'dense' ? await backend.dense(x, kernel as Tensor<'f32'>, 0.5) : await backend.quantizedDense(x, kernel as QTensor, 0.5);
  const compare = (actual: unknown, when: string): ConformanceVerdict =>
    compareWithReference({ kernelName, x, kernel, bias: 0.5, actual, precision, label: `${kernelName} ${when} on backend "${backend.name}"` });

  const before = compare(await run(), 'before its kernel was written into');
  if (!before.ok) return before;
  if (kernel instanceof QTensor) {
    const replacement = QTensor.fromTensor(second);
    kernel.value.data.set(replacement.value.data);
    kernel.scale.data.set(replacement.scale.data);
  } else {
    kernel.data.set(second.data);
  }
  return compare(await run(), 'after its kernel was written into in place (every element): the backend must use the new contents, as the reference does');
}
