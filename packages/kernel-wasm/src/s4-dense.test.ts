import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { full, QTensor, randomNormal, Tensor, unpackInt4 } from '@qaxon/tensor';
import { createWasmBackend, type WasmBackend } from './index.js';
import { referenceBackend } from '@qaxon/kernel-reference';
import { denseOn } from './test-support/inputs.js';
import { outsideDeclaredPrecision } from './test-support/within.js';
import { s4DenseBound } from './dense-s4-call.js';

/** The 4-bit values of `q` as `[in, units]`, one per element, whether it stores them packed or not. */
function valuesOf(q: QTensor): Int8Array {
  const [depth, units] = q.shape as [number, number];
  return q.value.size === depth * units && depth !== 1 ? q.value.data : unpackInt4(q.value.data, depth, units);
}

/** y = x · dequantized(q) + bias in float64, and the documented bound of each output. */
function exact(x: Tensor, q: QTensor, bias: number, groupSize: number | undefined): { y: Float64Array; bound: Float64Array } {
  const [depth, units] = q.shape as [number, number];
  const rows = x.size / depth;
  const values = valuesOf(q);
  const y = new Float64Array(rows * units);
  const bound = new Float64Array(rows * units);
  const weights = new Float64Array(depth);
  for (let m = 0; m < rows; m++) {
    const row = x.data.subarray(m * depth, (m + 1) * depth);
    for (let n = 0; n < units; n++) {
      let sum = 0;
      for (let k = 0; k < depth; k++) {
        const g = groupSize === undefined ? 0 : Math.floor(k / groupSize);
        weights[k] = values[k * units + n]! * q.scale.data[g * units + n]!;
        sum += row[k]! * weights[k]!;
      }
      y[m * units + n] = sum + bias;
      bound[m * units + n] = s4DenseBound(row, weights, bias);
    }
  }
  return { y, bound };
}

const shapes: [string, number, number, number, number | undefined][] = [
  ['one row, groups of 32 (a GEMV)', 1, 256, 48, 32],
  ['three rows, odd in, last group shorter, units not a multiple of 16', 3, 77, 37, 16],
  ['one scale per column (no groups), odd in', 2, 33, 20, undefined],
  ['in = 1', 2, 1, 5, undefined],
  ['groups of 2', 4, 10, 17, 2],
];

describe('s4 quantizedDense', () => {
  let one: WasmBackend;
  let two: WasmBackend;
  beforeAll(async () => {
    one = await createWasmBackend();
    two = await createWasmBackend({ threads: 2, parallelThreshold: 0 });
  });
  afterAll(() => {
    one.dispose();
    two.dispose();
  });

  for (const [name, rows, depth, units, groupSize] of shapes) {
    it(`agrees with the exact result within the documented bound: ${name}`, () => {
      const q = QTensor.fromTensor(randomNormal([depth, units], { seed: depth + units }), { bits: 4, groupSize });
      const x = randomNormal([rows, depth], { seed: 3 });
      const { y, bound } = exact(x, q, 0.25, groupSize);
      const onOne = denseOn(one, x, q, 0.25);
      for (let i = 0; i < y.length; i++) expect(Math.abs(onOne.data[i]! - y[i]!), `output ${i}`).toBeLessThanOrEqual(bound[i]!);
      expect(denseOn(two, x, q, 0.25).data).toEqual(onOne.data);
      // And within the float32 precision the backend declares for quantizedDense (the conformance rule).
      const call = { inputs: { x, kernel: q, bias: full([units], 0.25) }, attrs: {} };
      expect(outsideDeclaredPrecision(one, 'quantizedDense', call, onOne, denseOn(referenceBackend, x, q, 0.25))).toBeUndefined();
    });
  }

  it('keeps the weights at 4 bits plus one f32 scale per group and column in the module', () => {
    const q = QTensor.fromTensor(randomNormal([512, 64], { seed: 1 }), { bits: 4, groupSize: 32 });
    const before = one.memory().deviceBytes;
    const handle = one.upload(q);
    expect(one.memory().deviceBytes - before).toBeLessThanOrEqual(512 * 64 / 2 + (512 / 32) * 64 * 4 + 64);
    one.release(handle);
  });

  it('gives NaN and infinities where the reference does for a row with a non-finite value, the other rows unchanged', () => {
    const q = QTensor.fromTensor(randomNormal([8, 4], { seed: 1 }), { bits: 4 });
    const x = randomNormal([2, 8], { seed: 2 });
    const bad = x.data.slice();
    bad[3] = Number.POSITIVE_INFINITY;
    const input = new Tensor(bad, [2, 8], 'f32');
    const y = denseOn(one, input, q);
    const expected = denseOn(referenceBackend, input, q);
    expect([...y.data.subarray(0, 4)]).toEqual([...expected.data.subarray(0, 4)]);
    expect([...y.data.subarray(0, 4)].some((value) => !Number.isFinite(value))).toBe(true);
    expect(y.data.subarray(4)).toEqual(denseOn(one, x, q).data.subarray(4));
  });
});
