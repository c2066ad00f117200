import type {
  QTensor} from '@qaxon/tensor';
import {
  KernelUnsupportedError,
  Tensor,
  inferOpOutput,
  shapesEqual,
  formatShape,
  type Backend,
  type Handle,
  type OpSpecs,
} from '@qaxon/tensor';
import { createReferenceBackend } from '../reference-backend.js';
import type { ConformanceCall, ConformanceCase } from './cases.js';
import { compareOutputs } from './compare-outputs.js';
import { outputMagnitudes } from './magnitudes.js';
import { casePrecision } from './precision.js';

/**
 * The result of one conformance case: `passed`, a one-line `detail` (why it failed, or what
 * was checked), and `skipped` with a reason when the case did not run (the backend lacks
 * the op, or its kernel threw `KernelUnsupportedError`); a skipped case counts as passed.
 *
 * @example
 * ```ts
 * import type { ConformanceVerdict } from '@qaxon/kernel-reference/conformance-runner';
 * const verdict: ConformanceVerdict = { passed: true, detail: 'relu "rank 0": 1 output within bit-identical' };
 * ```
 */
export interface ConformanceVerdict {
  /** True when the backend agreed with the reference (or the case was skipped). */
  readonly passed: boolean;
  /** What was found, for reports. */
  readonly detail: string;
  /** Present when the case did not run: the reason. */
  readonly skipped?: string;
  /** For compared outputs: the largest `|y - y_ref| / tolerance` (0: identical; above 1 fails). */
  readonly worstRatio?: number;
}

const reference = createReferenceBackend();

type AnyKernel = (inputs: Record<string, unknown>, attrs: unknown) => Handle | Promise<Handle>;

/** Uploads a call's host inputs to `backend` (arrays element by element), recording every handle. */
export function uploadCall(backend: Backend, call: ConformanceCall, uploaded: Handle[]): Record<string, unknown> {
  const put = (value: Tensor | QTensor): Handle => {
    const handle = backend.upload(value);
    uploaded.push(handle);
    return handle;
  };
  const handles: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(call.inputs as Record<string, unknown>)) {
    if (value === undefined) continue;
    handles[name] = Array.isArray(value) ? value.map((item: Tensor | QTensor) => put(item)) : put(value as Tensor | QTensor);
  }
  return handles;
}

/** Runs a call on the reference backend; the output tensor. */
export function referenceOutput(testCase: ConformanceCase, call: ConformanceCall): Tensor {
  const uploaded: Handle[] = [];
  try {
    const handles = uploadCall(reference, call, uploaded);
    inferOpOutput(testCase.op, handles as OpSpecs<typeof testCase.op>, call.attrs);
    const output = (reference.kernels[testCase.op] as unknown as AnyKernel)(handles, call.attrs) as Handle;
    const result = reference.download(output);
    reference.release(output);
    return result;
  } finally {
    for (const handle of uploaded) reference.release(handle);
  }
}

function label(testCase: ConformanceCase): string {
  return `${testCase.op} "${testCase.name}"`;
}

function failure(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/**
 * Runs one conformance case on `backend`: uploads the case's inputs, checks them with
 * `inferOpOutput` (as the executor does), runs `backend.kernels[op]`, checks the output is
 * a live handle of the backend with the inferred shape and dtype, downloads it and compares
 * it with the reference backend's output within `backend.precision[op]` (absent:
 * bit-identical). Releases everything it uploaded and the output. Never throws: a kernel
 * error is a failed verdict, except `KernelUnsupportedError` (skipped) and cases that
 * expect an error. Needs no test framework.
 *
 * @example
 * ```ts
 * import { referenceBackend } from '@qaxon/kernel-reference';
 * import { CONFORMANCE_CASES, runConformanceCase } from '@qaxon/kernel-reference/conformance-runner';
 * const verdict = await runConformanceCase(referenceBackend, CONFORMANCE_CASES[0]!);
 * console.log(verdict.passed, verdict.detail);
 * ```
 */
export async function runConformanceCase(backend: Backend, testCase: ConformanceCase): Promise<ConformanceVerdict> {
  const kernel = backend.kernels[testCase.op] as AnyKernel | undefined;
  if (kernel === undefined) {
    return { passed: true, detail: `${label(testCase)}: not run`, skipped: `backend '${backend.name}' does not implement ${testCase.op}` };
  }
  const call = testCase.build();
  const uploaded: Handle[] = [];
  let output: Handle | undefined;
  try {
    const handles = uploadCall(backend, call, uploaded);
    const inferred = inferOpOutput(testCase.op, handles as OpSpecs<typeof testCase.op>, call.attrs);
    if (testCase.expectError === true) {
      try {
        output = await kernel(handles, call.attrs);
      } catch (error) {
        if (error instanceof KernelUnsupportedError) return { passed: true, detail: `${label(testCase)}: not run`, skipped: error.message };
        return { passed: true, detail: `${label(testCase)}: refused as expected (${failure(error)})` };
      }
      return { passed: false, detail: `${label(testCase)}: expected the kernel to throw, it returned a handle of shape ${formatShape(output.shape)}` };
    }
    const expected = referenceOutput(testCase, testCase.build());
    try {
      output = await kernel(handles, call.attrs);
    } catch (error) {
      if (error instanceof KernelUnsupportedError) return { passed: true, detail: `${label(testCase)}: not run`, skipped: error.message };
      return { passed: false, detail: `${label(testCase)}: the kernel threw ${failure(error)}` };
    }
    if (!backend.owns(output)) return { passed: false, detail: `${label(testCase)}: the kernel returned a value that is not a live handle of backend '${backend.name}'` };
    if (!shapesEqual(output.shape, inferred.shape) || output.dtype !== inferred.dtype) {
      return {
        passed: false,
        detail: `${label(testCase)}: the output handle says ${formatShape(output.shape)} '${output.dtype}', inferOpOutput gives ${formatShape(inferred.shape)} '${inferred.dtype}'`,
      };
    }
    const actual = await backend.download(output);
    if (!(actual instanceof Tensor)) return { passed: false, detail: `${label(testCase)}: download returned ${String(actual)}, not a Tensor` };
    const precision = casePrecision(backend, testCase.op, call.attrs);
    const stats = { worstRatio: 0 };
    const mismatch = compareOutputs(expected, actual, outputMagnitudes(testCase.op, call, expected), precision, stats);
    const { worstRatio } = stats;
    const within = precision.relative === 0 && precision.absolute === 0 ? 'bit-identical' : `relative ${precision.relative}, absolute ${precision.absolute}`;
    if (mismatch !== undefined) return { passed: false, detail: `${label(testCase)} (${within}): ${mismatch}`, worstRatio };
    return { passed: true, detail: `${label(testCase)}: ${expected.size} outputs agree (${within})`, worstRatio };
  } catch (error) {
    return { passed: false, detail: `${label(testCase)}: ${failure(error)}` };
  } finally {
    if (output !== undefined && !uploaded.includes(output)) safeRelease(backend, output);
    for (const handle of uploaded) safeRelease(backend, handle);
  }
}

function safeRelease(backend: Backend, handle: Handle): void {
  try {
    backend.release(handle);
  } catch {
    // A release that throws is reported by the lifecycle cases, not here.
  }
}
