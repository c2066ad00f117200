import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomNormal, reshape, slice, type Tensor } from '@qaxon/tensor';
import { createWasmBackend, type WasmBackend } from './index.js';
import { denseOn, sameBits, seededDense } from './test-support/inputs.js';

// Every column is summed in ascending k whatever the path (GEMV, GEMM tiles) and however
// the panels are split across threads, so results must be bit-identical.
describe('results do not depend on threads, splits or batching', () => {
  let one: WasmBackend;
  let two: WasmBackend;
  let three: WasmBackend;
  beforeAll(async () => {
    one = await createWasmBackend({ threads: 1 });
    two = await createWasmBackend({ threads: 2, parallelThreshold: 0 });
    three = await createWasmBackend({ threads: 3, parallelThreshold: 0 });
  });
  afterAll(() => {
    one.dispose();
    two.dispose();
    three.dispose();
  });

  it('reports the threads it got', () => {
    expect([one.threads, two.threads, three.threads]).toEqual([1, 2, 3]);
  });

  const shapes: [number, number, number][] = [
    [1, 4096, 512], // GEMV, many panels: every thread gets chunks
    [1, 300, 1000], // GEMV, odd panel count (63)
    [7, 1000, 270], // GEMM with a 3-row remainder and a partial last panel
    [64, 513, 96], // GEMM, K not a multiple of the 256-row block
    [2, 1, 33],
    [6, 2101, 40], // few rows (int8 widened in registers), K over two blocks of packed x, K % 4 = 1
  ];
  for (const [rows, inner, units] of shapes) {
    it(`${rows}x${inner}x${units}: 1, 2 and 3 threads give the same bits (int8 and f32)`, () => {
      const { x, w, q } = seededDense(rows, inner, units, rows * 7 + inner);
      const reference = denseOn(one, x, q, 0.25).data;
      expect(sameBits(denseOn(two, x, q, 0.25).data, reference)).toBe(true);
      expect(sameBits(denseOn(three, x, q, 0.25).data, reference)).toBe(true);
      const float = denseOn(one, x, w).data;
      expect(sameBits(denseOn(two, x, w).data, float)).toBe(true);
      expect(sameBits(denseOn(three, x, w).data, float)).toBe(true);
    });
  }

  it('a row computed in a batch (GEMM path) equals the same row alone (GEMV path)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 9 }),
        fc.integer({ min: 1, max: 600 }),
        fc.integer({ min: 1, max: 70 }),
        fc.integer({ min: 0, max: 1000 }),
        (rows, inner, units, seed) => {
          const { x, w, q } = seededDense(rows, inner, units, seed);
          const batched = denseOn(two, x, q);
          const batchedFloat = denseOn(two, x, w);
          for (let m = 0; m < rows; m++) {
            const row = rowOf(x, m, inner);
            const alone = denseOn(one, row, q).data;
            const expected = batched.data.subarray(m * units, (m + 1) * units);
            if (!sameBits(alone, expected)) return false;
            if (!sameBits(denseOn(one, row, w).data, batchedFloat.data.subarray(m * units, (m + 1) * units))) return false;
          }
          return true;
        },
      ),
      { numRuns: 25, seed: 20240611 },
    );
  });

  it('few rows with K over several blocks of packed x: each row equals the same row alone', () => {
    // Every grouping of the few-rows int8 GEMM: 2 (2x16 tile), 3, 4, 5 (3x8, 4x8, 5x8
    // tiles over interleaved x), 6 = 4 + 2, 7 = 4 + 3, 8 = 4 + 4.
    for (const rows of [2, 3, 4, 5, 6, 7, 8]) {
      const { x, q } = seededDense(rows, 2100, 40, rows);
      const batched = denseOn(one, x, q).data;
      for (let m = 0; m < rows; m++) {
        const alone = denseOn(one, rowOf(x, m, 2100), q).data;
        expect(sameBits(alone, batched.subarray(m * 40, (m + 1) * 40))).toBe(true);
      }
    }
  });

  it('an empty reduced axis (K = 0) gives the bias on every path', () => {
    for (const rows of [1, 2, 3, 4, 5, 6, 7, 8, 9]) {
      const { x, w, q } = seededDense(rows, 0, 20, rows);
      expect(Array.from(denseOn(two, x, q, 0.5).data)).toEqual(new Array(rows * 20).fill(0.5));
      expect(Array.from(denseOn(two, x, w, 0.5).data)).toEqual(new Array(rows * 20).fill(0.5));
    }
  });

  it('keeps working when an upload grows the shared memory under running workers', () => {
    const before = two.memory().reservedBytes;
    const inner = Math.ceil(before / 2048) + 256; // more int8 weights than the whole memory holds now
    const { x, q } = seededDense(3, inner, 2048, 99);
    const y = denseOn(two, x, q);
    expect(two.memory().reservedBytes).toBeGreaterThan(before);
    expect(sameBits(y.data, denseOn(one, x, q).data)).toBe(true);
  });

  it('keeps the leading axes of x of any rank', () => {
    const { w, q } = seededDense(1, 24, 20, 5);
    const x = randomNormal([2, 3, 4, 24], { seed: 6 });
    const y = denseOn(two, x, q, 1);
    expect(y.shape).toEqual([2, 3, 4, 20]);
    const flat = denseOn(one, reshape(x, [24, 24]), q, 1);
    expect(sameBits(y.data, flat.data)).toBe(true);
    expect(denseOn(two, randomNormal([24], { seed: 7 }), w).shape).toEqual([20]);
  });
});

function rowOf(x: Tensor<'f32'>, m: number, inner: number): Tensor<'f32'> {
  return slice(x, [m, 0], [1, inner]);
}
