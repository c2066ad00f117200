import { QTensor, Tensor, shapesEqual, type Backend, type Handle, type OpName, type OpPrecision } from '@qaxon/tensor';
import { createReferenceBackend } from '../reference-backend.js';
import type { ConformanceVerdict } from './run-conformance-case.js';
import { declaredPrecision } from './precision.js';
import { describeError, fail, ok, safeRelease, skip, throws, type AnyKernel } from './lifecycle-support.js';
import { normal } from './seeded.js';
import { WEIGHT_CHECK_CASE } from './weight-check-case.js';

/**
 * A conformance case about handles rather than one op's values: chained ops stay on
 * handles, released handles are refused, `owns`, `download` copies, quantized uploads
 * keep their layout, `memory()` counts handles.
 *
 * @example
 * ```ts
 * import { LIFECYCLE_CASES, type LifecycleCase } from '@qaxon/kernel-reference/conformance-runner';
 * const names = LIFECYCLE_CASES.map((c: LifecycleCase) => c.name);
 * ```
 */
export interface LifecycleCase {
  /** What it checks. */
  readonly name: string;
  /** Runs it; never throws. */
  run(backend: Backend): Promise<ConformanceVerdict>;
}


/** One op that takes an f32 `x [3, 6]` handle and gives an f32 `[3, 6]` handle. */
interface ShapeKeepingStep {
  op: OpName;
  /** Other inputs (uploaded by the caller) and the attributes. */
  extra: () => { inputs: Record<string, Tensor | QTensor>; attrs: object };
  /** The name of the input that takes `x`. */
  input: string;
}

const WIDTH = 6;
const STEPS: readonly ShapeKeepingStep[] = [
  { op: 'dense', input: 'x', extra: () => ({ inputs: { kernel: normal([WIDTH, WIDTH], 201, 0.5), bias: normal([WIDTH], 202) }, attrs: {} }) },
  { op: 'quantizedDense', input: 'x', extra: () => ({ inputs: { kernel: QTensor.fromTensor(normal([WIDTH, WIDTH], 203)) }, attrs: {} }) },
  { op: 'matMul', input: 'a', extra: () => ({ inputs: { b: normal([WIDTH, WIDTH], 204, 0.5) }, attrs: {} }) },
  { op: 'add', input: 'a', extra: () => ({ inputs: { b: normal([WIDTH], 205) }, attrs: {} }) },
  { op: 'subtract', input: 'a', extra: () => ({ inputs: { b: normal([WIDTH], 206) }, attrs: {} }) },
  { op: 'multiply', input: 'a', extra: () => ({ inputs: { b: normal([WIDTH], 207) }, attrs: {} }) },
  { op: 'divide', input: 'a', extra: () => ({ inputs: { b: new Tensor(new Float32Array([2, -4, 0.5, 8, -1, 3]), [WIDTH], 'f32') }, attrs: {} }) },
  ...(['relu', 'sigmoid', 'tanh', 'gelu', 'geluTanh', 'silu'] as const).map((op) => ({ op, input: 'x', extra: () => ({ inputs: {}, attrs: {} }) })),
  { op: 'leakyRelu', input: 'x', extra: () => ({ inputs: {}, attrs: { alpha: 0.1 } }) },
  { op: 'softmax', input: 'x', extra: () => ({ inputs: {}, attrs: { axis: -1 } }) },
  { op: 'logSoftmax', input: 'x', extra: () => ({ inputs: {}, attrs: { axis: -1 } }) },
  { op: 'layerNorm', input: 'x', extra: () => ({ inputs: { gamma: normal([WIDTH], 208) }, attrs: { eps: 1e-5 } }) },
  { op: 'rmsNorm', input: 'x', extra: () => ({ inputs: { gamma: normal([WIDTH], 209) }, attrs: { eps: 1e-5 } }) },
  { op: 'exp', input: 'x', extra: () => ({ inputs: {}, attrs: {} }) },
  { op: 'reshape', input: 'x', extra: () => ({ inputs: {}, attrs: { shape: [-1, WIDTH] } }) },
  { op: 'slice', input: 'x', extra: () => ({ inputs: {}, attrs: { begin: [0, 0], size: [-1, -1] } }) },
];

function stepsOf(backend: Backend): ShapeKeepingStep[] {
  return STEPS.filter((step) => typeof backend.kernels[step.op] === 'function');
}

/** Runs one step on `backend` with `x` a handle it holds; uploads the step's other inputs into `uploaded`. */
async function runStep(backend: Backend, step: ShapeKeepingStep, x: Handle, uploaded: Handle[]): Promise<Handle> {
  const { inputs, attrs } = step.extra();
  const handles: Record<string, unknown> = { [step.input]: x };
  for (const [name, value] of Object.entries(inputs)) {
    const handle = backend.upload(value);
    uploaded.push(handle);
    handles[name] = handle;
  }
  return await (backend.kernels[step.op] as AnyKernel)(handles, attrs);
}

function combined(a: OpPrecision, b: OpPrecision): OpPrecision {
  return { relative: a.relative + b.relative, absolute: a.absolute + b.absolute };
}

const CHAIN = 'two chained ops stay on handles (no download between them)';
const RELEASED = 'a released handle is refused by kernels and download';
const OWNS = 'owns: true for live handles, false after release and for foreign values';
const DOWNLOAD_COPY = 'download returns a new tensor (writing into it changes nothing on the backend)';
const QUANTIZED_UPLOAD = 'an uploaded QTensor keeps its quantization layout on the handle';
const MEMORY = 'memory() counts live handles';

/**
 * The lifecycle cases every backend runs (those that need an op run only when the backend
 * implements one of the ops they can use).
 *
 * @example
 * ```ts
 * import { referenceBackend } from '@qaxon/kernel-reference';
 * import { LIFECYCLE_CASES } from '@qaxon/kernel-reference/conformance-runner';
 * for (const lifecycleCase of LIFECYCLE_CASES) console.log((await lifecycleCase.run(referenceBackend)).detail);
 * ```
 */
export const LIFECYCLE_CASES: readonly LifecycleCase[] = Object.freeze([
  {
    name: CHAIN,
    async run(backend: Backend): Promise<ConformanceVerdict> {
      const steps = stepsOf(backend);
      if (steps.length === 0) return skip(CHAIN, `backend '${backend.name}' implements none of the shape-keeping ops`);
      const [first, second] = [steps[0]!, steps[1] ?? steps[0]!];
      const uploaded: Handle[] = [];
      let middle: Handle | undefined;
      let last: Handle | undefined;
      const reference = createReferenceBackend();
      try {
        const x = backend.upload(normal([3, WIDTH], 210));
        uploaded.push(x);
        middle = await runStep(backend, first, x, uploaded);
        if (!backend.owns(middle)) return fail(CHAIN, `${first.op} returned a value that is not a live handle of the backend`);
        last = await runStep(backend, second, middle, uploaded);
        if (!backend.owns(last)) return fail(CHAIN, `${second.op} returned a value that is not a live handle of the backend`);
        const actual = await backend.download(last);
        const scratch: Handle[] = [];
        const expectedHandle = await runStep(reference, second, await runStep(reference, first, reference.upload(normal([3, WIDTH], 210)), scratch), scratch);
        const expected = reference.download(expectedHandle);
        const precision = combined(declaredPrecision(backend, first.op), declaredPrecision(backend, second.op));
        for (let i = 0; i < expected.size; i++) {
          const e = expected.data[i]!;
          const a = actual.data[i]!;
          const tolerance = precision.absolute + precision.relative * 64 * (1 + Math.abs(e)) * 8;
          const agree = Number.isNaN(e) ? Number.isNaN(a) : Math.abs(a - e) <= tolerance || a === e;
          if (!shapesEqual(actual.shape, expected.shape) || !agree) {
            return fail(CHAIN, `${first.op} then ${second.op}: output ${i} is ${a}, the reference gives ${e} (tolerance ${tolerance})`);
          }
        }
        return ok(CHAIN, `${first.op} then ${second.op} on handles agree with the reference`);
      } catch (error) {
        return fail(CHAIN, `${first.op} then ${second.op}: ${describeError(error)}`);
      } finally {
        safeRelease(backend, last);
        safeRelease(backend, middle);
        for (const handle of uploaded) safeRelease(backend, handle);
      }
    },
  },
  {
    name: RELEASED,
    async run(backend: Backend): Promise<ConformanceVerdict> {
      try {
        const x = backend.upload(normal([3, WIDTH], 211));
        backend.release(x);
        if (!(await throws(() => backend.download(x)))) return fail(RELEASED, 'download of a released handle returned instead of throwing');
        const step = stepsOf(backend)[0];
        if (step === undefined) return ok(RELEASED, 'download refused it (no kernel to try)');
        const uploaded: Handle[] = [];
        let output: Handle | undefined;
        const refused = await throws(async () => {
          output = await runStep(backend, step, x, uploaded);
        });
        safeRelease(backend, output);
        for (const handle of uploaded) safeRelease(backend, handle);
        if (!refused) return fail(RELEASED, `${step.op} ran on a released handle instead of throwing`);
        return ok(RELEASED, `download and ${step.op} refused it`);
      } catch (error) {
        return fail(RELEASED, describeError(error));
      }
    },
  },
  {
    name: OWNS,
    async run(backend: Backend): Promise<ConformanceVerdict> {
      try {
        const x = backend.upload(normal([2, 3], 212));
        if (!backend.owns(x)) return fail(OWNS, 'owns(handle) is false for a handle just uploaded');
        const foreign = createReferenceBackend().upload(normal([2, 3], 212));
        if (backend.owns(foreign)) return fail(OWNS, "owns() is true for another backend instance's handle");
        if (backend.owns({ backend: backend.name, shape: [2, 3], dtype: 'f32' })) return fail(OWNS, 'owns() is true for a plain object that looks like a handle');
        if (backend.owns(normal([2, 3], 212)) || backend.owns(undefined)) return fail(OWNS, 'owns() is true for a host tensor or undefined');
        backend.release(x);
        if (backend.owns(x)) return fail(OWNS, 'owns(handle) is still true after release');
        backend.release(x);
        return ok(OWNS, 'owns() follows the handle, and a second release does nothing');
      } catch (error) {
        return fail(OWNS, describeError(error));
      }
    },
  },
  {
    name: DOWNLOAD_COPY,
    async run(backend: Backend): Promise<ConformanceVerdict> {
      let x: Handle | undefined;
      try {
        const host = normal([2, 5], 213);
        const original = Array.from(host.data);
        x = backend.upload(host);
        const first = await backend.download(x);
        if (!(first instanceof Tensor)) return fail(DOWNLOAD_COPY, 'download did not return a Tensor');
        if (first === host) return fail(DOWNLOAD_COPY, 'download returned the uploaded tensor itself');
        first.data.fill(12345);
        const second = await backend.download(x);
        if (second === first) return fail(DOWNLOAD_COPY, 'download returned the same tensor twice');
        if (Array.from(second.data).some((value, i) => value !== original[i])) return fail(DOWNLOAD_COPY, 'writing into a downloaded tensor changed the data on the backend');
        return ok(DOWNLOAD_COPY, 'two downloads are two tensors; the backend kept its data');
      } catch (error) {
        return fail(DOWNLOAD_COPY, describeError(error));
      } finally {
        safeRelease(backend, x);
      }
    },
  },
  {
    name: QUANTIZED_UPLOAD,
    async run(backend: Backend): Promise<ConformanceVerdict> {
      if (backend.kernels.quantizedDense === undefined && backend.kernels.gather === undefined) {
        return skip(QUANTIZED_UPLOAD, `backend '${backend.name}' implements no op that takes a quantized weight`);
      }
      const values = (): Tensor<'s8'> => new Tensor(new Int8Array([1, -2, 3, 4, 5, -6, 7, 0]), [4, 2], 's8');
      const f32 = (data: number[], shape: number[]): Tensor<'f32'> => new Tensor(new Float32Array(data), shape, 'f32');
      const weights = [
        new QTensor(values(), f32([0.5, 0.25], [2]), new Tensor(new Int8Array([0, 1]), [2], 's8')),
        new QTensor(values(), f32([0.5, 0.25, 1, 2], [2, 2]), undefined, { bits: 4, groupSize: 2 }),
        new QTensor(values(), f32([0.5, 0.25, 1, 2], [4]), undefined, { axis: 0 }),
      ];
      for (const q of weights) {
        let handle: Handle | undefined;
        try {
          handle = backend.upload(q);
          const layout = handle.quantization;
          const want = q.quantization;
          if (layout === undefined) return fail(QUANTIZED_UPLOAD, `the handle of ${q.toString()} has no quantization layout`);
          if (layout.bits !== want.bits || layout.axis !== want.axis || layout.groupSize !== want.groupSize || layout.symmetric !== want.symmetric) {
            return fail(QUANTIZED_UPLOAD, `the handle of ${q.toString()} says ${JSON.stringify(layout)}, the QTensor ${JSON.stringify(want)}`);
          }
          if (!shapesEqual(handle.shape, [4, 2]) || handle.dtype !== 'f32') {
            return fail(QUANTIZED_UPLOAD, `the handle of ${q.toString()} says shape [${handle.shape.join(', ')}] '${handle.dtype}', expected [4, 2] 'f32'`);
          }
        } catch (error) {
          return fail(QUANTIZED_UPLOAD, `${q.toString()}: ${describeError(error)}`);
        } finally {
          safeRelease(backend, handle);
        }
      }
      return ok(QUANTIZED_UPLOAD, 'bits, axis, group size and symmetry kept (per channel, 4-bit in groups of 2, per row)');
    },
  },
  {
    name: MEMORY,
    async run(backend: Backend): Promise<ConformanceVerdict> {
      if (backend.memory === undefined) return skip(MEMORY, `backend '${backend.name}' has no memory()`);
      try {
        const before = backend.memory();
        const x = backend.upload(normal([4, 4], 214));
        const during = backend.memory();
        backend.release(x);
        const after = backend.memory();
        if (during.handles !== before.handles + 1) return fail(MEMORY, `handles went from ${before.handles} to ${during.handles} on one upload`);
        if (during.deviceBytes < before.deviceBytes + 64 && during.deviceBytes !== before.deviceBytes) {
          return fail(MEMORY, `deviceBytes went from ${before.deviceBytes} to ${during.deviceBytes} on a 64-byte upload`);
        }
        if (after.handles !== before.handles) return fail(MEMORY, `handles is ${after.handles} after release, ${before.handles} before the upload`);
        return ok(MEMORY, `${before.handles} -> ${during.handles} -> ${after.handles} handles`);
      } catch (error) {
        return fail(MEMORY, describeError(error));
      }
    },
  },
  WEIGHT_CHECK_CASE,
]);
