import { QTensor, Tensor, type Backend, type DenseBias } from '@qaxon/tensor';
import type { ConformanceCase } from './cases.js';
import { compareWithReference, type ConformanceVerdict } from './compare-with-reference.js';
import { buildConformanceInputs, CONFORMANCE_SEED } from './inputs.js';
import type { ConformancePrecision } from './precision.js';

/**
 * Options of {@link runConformanceCase}.
 *
 * @example
 * ```ts
 * import type { RunConformanceCaseOptions } from '@qaxon/kernel-reference/conformance';
 * const options: RunConformanceCaseOptions = { seed: 7 };
 * ```
 */
export interface RunConformanceCaseOptions {
  /** Seed the inputs derive from (default {@link CONFORMANCE_SEED}). */
  seed?: number;
}

/**
 * Runs one conformance case against a backend and returns the verdict (no vitest needed):
 * builds the seeded inputs, `await`s the backend's kernel, checks that it did not write into
 * its inputs, and compares the result with the reference backend's (see
 * {@link compareWithReference}). An error case passes when the backend throws or rejects
 * with the expected error class (`ShapeError`, `DTypeError` or `ValueError`, by `name`).
 *
 * @example
 * ```ts
 * import { referenceBackend } from '@qaxon/kernel-reference';
 * import { CONFORMANCE_CASES, FLOAT32_ACCUMULATION, runConformanceCase } from '@qaxon/kernel-reference/conformance';
 * const verdict = await runConformanceCase(referenceBackend, CONFORMANCE_CASES[0]!, FLOAT32_ACCUMULATION);
 * console.log(verdict.ok); // true
 * ```
 */
export async function runConformanceCase(
  backend: Backend,
  testCase: ConformanceCase,
  precision: ConformancePrecision,
  options: RunConformanceCaseOptions = {},
): Promise<ConformanceVerdict> {
  const label = `${testCase.kernel} "${testCase.name}" on backend "${backend.name}"`;
  const inputs = buildConformanceInputs(testCase, options.seed ?? CONFORMANCE_SEED);
  const fail = (message: string): ConformanceVerdict => ({ ok: false, message: `${label}: ${message}`, mismatches: 0, worstRatio: Infinity });
  const before = snapshot(inputs);

  let actual: unknown;
  try {
    actual =
      testCase.kernel === 'dense'
        ? await backend.dense(inputs.x as Tensor<'f32'>, inputs.kernel as Tensor<'f32'>, inputs.bias as DenseBias)
        : await backend.quantizedDense(inputs.x as Tensor<'f32'>, inputs.kernel as QTensor, inputs.bias as DenseBias);
  } catch (error) {
    if (inputs.expectedError === undefined) return fail(`threw ${describeError(error)}`);
    if (error instanceof Error && error.name === inputs.expectedError) return { ok: true, message: '', mismatches: 0, worstRatio: 0 };
    return fail(`expected the backend to throw or reject with a ${inputs.expectedError}, got ${describeError(error)}`);
  }
  if (inputs.expectedError !== undefined) {
    return fail(`expected the backend to throw or reject with a ${inputs.expectedError}, but it returned ${describeValue(actual)}`);
  }
  const changed = changedInput(before, snapshot(inputs));
  if (changed !== undefined) return fail(`the backend wrote into its input ${changed}`);

  return compareWithReference({
    kernelName: testCase.kernel,
    x: inputs.x as Tensor<'f32'>,
    kernel: inputs.kernel as Tensor<'f32'> | QTensor,
    bias: inputs.bias as DenseBias,
    actual,
    precision,
    label,
  });
}

type Snapshot = [string, ArrayLike<number>][];

function snapshot(inputs: { x: unknown; kernel: unknown; bias: unknown }): Snapshot {
  const parts: Snapshot = [];
  const add = (name: string, value: unknown): void => {
    if (value instanceof Tensor) parts.push([name, Array.from(value.data)]);
  };
  add('x', inputs.x);
  if (inputs.kernel instanceof QTensor) {
    add('kernel.value', inputs.kernel.value);
    add('kernel.scale', inputs.kernel.scale);
    add('kernel.zeroPoint', inputs.kernel.zeroPoint);
  } else {
    add('kernel', inputs.kernel);
  }
  add('bias', inputs.bias);
  return parts;
}

function changedInput(before: Snapshot, after: Snapshot): string | undefined {
  for (let part = 0; part < before.length; part++) {
    const [name, old] = before[part]!;
    const now = after[part]![1];
    for (let i = 0; i < old.length; i++) {
      if (!Object.is(old[i], now[i])) return `${name} at flat index ${i} (was ${old[i]}, now ${now[i]})`;
    }
  }
  return undefined;
}

function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : `a non-Error value (${String(error)})`;
}

function describeValue(value: unknown): string {
  if (value instanceof Tensor) return `a ${value.dtype} Tensor of shape [${value.shape.join(', ')}]`;
  return value === null || typeof value !== 'object' ? String(value) : `an object (${value.constructor?.name ?? 'Object'})`;
}
