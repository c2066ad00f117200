import { describe, expect, it } from 'vitest';
import { decodeBFloat16, decodeFloat16, float16BitsToFloat32Bits } from './index.js';

const asFloat = (bits: number): number => new Float32Array(new Uint32Array([bits]).buffer)[0]!;

/** An independent F16 decoder written from the IEEE 754 definition. */
function float16Reference(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >> 10) & 0x1f;
  const mantissa = bits & 0x3ff;
  if (exponent === 0) return sign * mantissa * 2 ** -24;
  if (exponent === 31) return mantissa === 0 ? sign * Infinity : NaN;
  return sign * (1 + mantissa / 1024) * 2 ** (exponent - 15);
}

describe('float16BitsToFloat32Bits', () => {
  it('decodes hand-picked values exactly', () => {
    const cases: [number, number][] = [
      [0x3c00, 1],
      [0xc000, -2],
      [0x3555, 0.333251953125],
      [0x7bff, 65504], // largest normal
      [0x0400, 2 ** -14], // smallest normal
      [0x0001, 2 ** -24], // smallest subnormal
      [0x03ff, 1023 * 2 ** -24], // largest subnormal
      [0x7c00, Infinity],
      [0xfc00, -Infinity],
    ];
    for (const [bits, value] of cases) expect(asFloat(float16BitsToFloat32Bits(bits))).toBe(value);
    expect(Object.is(asFloat(float16BitsToFloat32Bits(0x8000)), -0)).toBe(true);
    expect(float16BitsToFloat32Bits(0x7e01)).toBe(0x7fc02000); // NaN payload kept
  });

  it('agrees with the IEEE 754 definition on all 65536 bit patterns', () => {
    for (let bits = 0; bits < 0x10000; bits++) {
      const got = asFloat(float16BitsToFloat32Bits(bits));
      const want = float16Reference(bits);
      if (Number.isNaN(want)) expect(Number.isNaN(got)).toBe(true);
      else if (!Object.is(got, want)) expect.fail(`bits 0x${bits.toString(16)}: got ${got}, want ${want}`);
    }
  });
});

describe('decodeFloat16 / decodeBFloat16', () => {
  it('read little-endian values from any byte offset', () => {
    expect([...decodeFloat16(new Uint8Array([0xff, 0x00, 0x3c, 0x00, 0xc0]), 1, 2)]).toEqual([1, -2]);
    // BF16 is the top half of a float32: 0x3f80 = 1, 0xc040 = -3, 0x4049 = 3.140625.
    expect([...decodeBFloat16(new Uint8Array([0x80, 0x3f, 0x40, 0xc0, 0x49, 0x40]), 0, 3)]).toEqual([1, -3, 3.140625]);
  });
});
