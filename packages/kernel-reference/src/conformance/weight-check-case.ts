import { KERNEL_STAMP_SAMPLES, QTensor, Tensor, WeightCache, type Backend, type Handle } from '@qaxon/tensor';
import { describeError, fail, ok, safeRelease, skip, type AnyKernel } from './lifecycle-support.js';
import type { LifecycleCase } from './lifecycle-cases.js';
import type { ConformanceVerdict } from './run-conformance-case.js';
import { declaredPrecision } from './precision.js';
import { normal } from './seeded.js';

const FULL_CHECK = "a WeightCache with check: 'full' sees a one-element write between the sampled stamp's elements";

/**
 * The lifecycle case of `WeightCache`'s `check: 'full'`: after a one-element write into a
 * used kernel that `kernelStamp` does not sample, the backend's next `quantizedDense` must
 * give the written kernel's output (a backend keeping a stale copy fails it).
 *
 * @example
 * ```ts
 * import { referenceBackend } from '@qaxon/kernel-reference';
 * import { WEIGHT_CHECK_CASE } from '@qaxon/kernel-reference/conformance-runner';
 * console.log((await WEIGHT_CHECK_CASE.run(referenceBackend)).passed); // true
 * ```
 */
export const WEIGHT_CHECK_CASE: LifecycleCase = Object.freeze({
  name: FULL_CHECK,
  async run(backend: Backend): Promise<ConformanceVerdict> {
    if (typeof backend.kernels.quantizedDense !== 'function') return skip(FULL_CHECK, `backend '${backend.name}' has no quantizedDense`);
    // [512, 4] int8: kernelStamp reads every 8th of the 2048 values, so element 3 (row 0, unit 3) is not read.
    const inputs = 512;
    const units = 4;
    const q = QTensor.fromTensor(normal([inputs, units], 215));
    if (Math.floor((inputs * units - 1) / (KERNEL_STAMP_SAMPLES - 1)) <= 3) return fail(FULL_CHECK, 'the test kernel is too small to have elements between the samples');
    const row = new Float32Array(inputs);
    row[0] = 1; // y[unit] = q[0][unit] · scale[unit]
    const cache = new WeightCache(backend, { check: 'full' });
    const handles: Handle[] = [];
    const predict = async (): Promise<Tensor> => {
      const x = backend.upload(new Tensor(row, [1, inputs], 'f32'));
      handles.push(x);
      const y = await (backend.kernels.quantizedDense as AnyKernel)({ x, kernel: cache.handleOf(q) }, {});
      handles.push(y);
      return await backend.download(y);
    };
    try {
      const before = (await predict()).data[3]!;
      const old = q.value.data[3]!;
      q.value.data[3] = old === 100 ? -100 : 100;
      const after = (await predict()).data[3]!;
      const expected = Math.fround(q.value.data[3]! * q.scale.data[3]!);
      const precision = declaredPrecision(backend, 'quantizedDense');
      const tolerance = precision.absolute + precision.relative * 8 * (1 + Math.abs(expected));
      if (Math.abs(after - expected) > tolerance) {
        return fail(FULL_CHECK, `after writing value[0][3] = ${q.value.data[3]} (was ${old}), output 3 is ${after} (was ${before}); the written kernel gives ${expected}`);
      }
      return ok(FULL_CHECK, `output 3 went from ${before} to ${after} after a write the sampled stamp does not read`);
    } catch (error) {
      return fail(FULL_CHECK, describeError(error));
    } finally {
      for (const handle of handles) safeRelease(backend, handle);
      cache.clear();
    }
  },
});
