import { QTensor, Tensor, randomNormal, type Backend, type KernelName } from '@qaxon/tensor';
import { referenceBackend } from '../reference-backend.js';
import { compareWithReference, type ConformanceVerdict } from './compare-with-reference.js';
import type { ConformancePrecision } from './precision.js';

/** Rows of `x`: which hold a non-finite value, and where. */
const NON_FINITE_ROWS: readonly { row: number; k: number; value: number }[] = [
  { row: 1, k: 3, value: Number.NaN },
  { row: 3, k: 10, value: Infinity },
  { row: 4, k: 0, value: -Infinity },
];

/**
 * The documented behaviour of non-finite inputs, checked on a backend: NaN and ±Infinity
 * in `x` are not refused (checking every input would cost a pass over it); they propagate
 * **per row**. A row of `x` holding one gives outputs that are NaN or ±Infinity exactly
 * where the reference's are (`Infinity * w` is ±Infinity, `Infinity * 0` is NaN, in any
 * summation order), and the other rows are unaffected (within the backend's precision).
 *
 * @example
 * ```ts
 * import { referenceBackend } from '@qaxon/kernel-reference';
 * import { FLOAT32_ACCUMULATION, runNonFiniteRowsCase } from '@qaxon/kernel-reference/conformance';
 * const verdict = await runNonFiniteRowsCase(referenceBackend, 'dense', FLOAT32_ACCUMULATION);
 * console.log(verdict.ok); // true
 * ```
 */
export async function runNonFiniteRowsCase(backend: Backend, kernelName: KernelName, precision: ConformancePrecision): Promise<ConformanceVerdict> {
  const [rows, inner, units] = [5, 64, 24];
  const x = randomNormal([rows, inner], { seed: 21 });
  for (const { row, k, value } of NON_FINITE_ROWS) x.data[row * inner + k] = value;
  const float = randomNormal([inner, units], { seed: 22 });
  const kernel = kernelName === 'dense' ? float : QTensor.fromTensor(float);
  const call = (on: Backend, input: Tensor<'f32'>) =>
    kernelName === 'dense' ? on.dense(input, kernel as Tensor<'f32'>, 0.5) : on.quantizedDense(input, kernel as QTensor, 0.5);
  const label = `${kernelName} with NaN/Infinity in rows ${NON_FINITE_ROWS.map(({ row }) => row).join(', ')} of x on backend "${backend.name}"`;
  const actual = (await call(backend, x)) as Tensor<'f32'>;
  const expected = referenceBackend[kernelName === 'dense' ? 'dense' : 'quantizedDense'](x, kernel as never, 0.5);
  for (const { row } of NON_FINITE_ROWS) {
    for (let n = 0; n < units; n++) {
      const [got, want] = [actual.data[row * units + n]!, expected.data[row * units + n]!];
      if (Number.isFinite(want) || !Object.is(got, want)) {
        const message = `${label}: expected output [${row}, ${n}] to be ${want} as on the reference (a non-finite input propagates along its row), got ${got}`;
        return { ok: false, message, mismatches: 1, worstRatio: Infinity };
      }
    }
  }
  const finiteRows = [...Array(rows).keys()].filter((row) => !NON_FINITE_ROWS.some((entry) => entry.row === row));
  const pick = (t: Tensor<'f32'>, width: number) =>
    new Tensor(Float32Array.from(finiteRows.flatMap((row) => [...t.data.subarray(row * width, (row + 1) * width)])), [finiteRows.length, width], 'f32');
  return compareWithReference({ kernelName, x: pick(x, inner), kernel, bias: 0.5, actual: pick(actual, units), precision, label: `${label}, finite rows` });
}
