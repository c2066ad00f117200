import { describe, expect, it } from 'vitest';
import { dynamicQuantizedDenseS8 } from './dynamic-quantized-dense-s8.js';

describe('dynamicQuantizedDenseS8', () => {
  it('multiplies the quantized row by the int8 kernel exactly and scales once', () => {
    // x = [1, 2]: absMax 2, xq = [64 (63.5 rounds to even), 127], rowScale = f32(2 / 127).
    const y = dynamicQuantizedDenseS8(new Float32Array([1, 2]), 1, 2, new Int8Array([1, -2, 3, 4]), new Float32Array([0.5, 0.25]), undefined, 2, undefined);
    const rowScale = Math.fround(2 / 127);
    expect(y[0]).toBe(Math.fround(Math.fround(Math.fround(64 * 1 + 127 * 3) * rowScale) * 0.5));
    expect(y[1]).toBe(Math.fround(Math.fround(Math.fround(64 * -2 + 127 * 4) * rowScale) * 0.25));
  });

  it('subtracts zero points from the weights before the integer sum', () => {
    const y = dynamicQuantizedDenseS8(new Float32Array([127]), 1, 1, new Int8Array([-128]), new Float32Array([1]), new Int8Array([127]), 1, new Float32Array([1]));
    expect(y[0]).toBe(Math.fround(127 * -255) + 1);
  });
});
