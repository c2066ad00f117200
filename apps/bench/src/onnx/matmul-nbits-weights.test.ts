import { describe, expect, it } from 'vitest';
import { matmulNBitsWeights, type Int8Weight } from './matmul-nbits-weights.js';

/** A [k, n] int8 weight with the given values (row-major) and scales. */
function int8(k: number, n: number, values: number[], scales: number[]): Int8Weight {
  return { kind: 'int8', k, n, values: Int8Array.from(values), scales: Float32Array.from(scales) };
}

describe('matmulNBitsWeights', () => {
  it('8 bits: keeps the int8 values (code = value + 128) and the column scale in every block, padding with the zero point', () => {
    // k = 3, n = 2: columns [1, 3, -5] and [-2, 4, 127]
    const packed = matmulNBitsWeights(int8(3, 2, [1, -2, 3, 4, -5, 127], [0.5, 0.25]), 8, 16);
    expect(packed.blocks).toBe(1);
    expect(packed.codes.length).toBe(2 * 16);
    expect([...packed.codes.slice(0, 4)]).toEqual([129, 131, 123, 128]);
    expect([...packed.codes.slice(16, 19)]).toEqual([126, 132, 255]);
    expect([...packed.scales]).toEqual([0.5, 0.25]);
    expect([...packed.values]).toEqual([0.5, -0.5, 1.5, 1, -2.5, 31.75]);
  });

  it('4 bits: scale = amax / 7.5 per block and column, rounding half away from zero, clipped to [-8, 7], low nibble first', () => {
    // one column, k = 4: dequantized weights [-15, 30, 6, -2] (values * 0.5); amax 30 -> scale 4
    const packed = matmulNBitsWeights(int8(4, 1, [-30, 60, 12, -4], [0.5]), 4, 16);
    // q = [-3.75 -> -4, 7.5 -> 8 -> 7, 1.5 -> 2, -0.5 -> -1]; codes q + 8 = [4, 15, 10, 7]
    expect([...packed.codes.slice(0, 3)]).toEqual([4 | (15 << 4), 10 | (7 << 4), 8 | (8 << 4)]);
    expect([...packed.scales]).toEqual([4]);
    expect([...packed.values]).toEqual([-16, 28, 8, -4]);
  });

  it('4 bits: each block of k has its own scale; a block of zeros gets scale 0', () => {
    const values = [...Array.from({ length: 16 }, () => 0), ...Array.from({ length: 16 }, (_, i) => i - 8)];
    const packed = matmulNBitsWeights(int8(32, 1, values, [1]), 4, 16);
    expect(packed.blocks).toBe(2);
    expect([...packed.scales]).toEqual([0, Math.fround(8 / 7.5)]);
    expect([...packed.values.slice(0, 16)]).toEqual(Array.from({ length: 16 }, () => 0));
  });

  it('refuses other bit widths, block sizes that are not powers of two >= 16 and mismatched scales', () => {
    const weight = int8(2, 1, [1, 2], [1]);
    expect(() => matmulNBitsWeights(weight, 3 as 4)).toThrow(/expected 4 or 8 bits, got 3/);
    expect(() => matmulNBitsWeights(weight, 4, 24)).toThrow(/power of two >= 16, got 24/);
    expect(() => matmulNBitsWeights(int8(2, 1, [1, 2], [1, 2]), 8)).toThrow(/expected 2 values and 1 scales for a \[2, 1\] weight, got 2 and 2/);
  });
});
