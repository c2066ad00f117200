/**
 * Exact widening of IEEE 754 half precision (`F16`) and bfloat16 (`BF16`) to float32.
 * Both are done on bit patterns, so every value (subnormals, infinities, NaN payloads,
 * negative zero) keeps its exact value: every F16 and BF16 number is representable in
 * float32.
 *
 * @module
 */

/**
 * The float32 bit pattern of the half-precision number with bits `half` (0..0xffff).
 *
 * @example
 * ```ts
 * import { float16BitsToFloat32Bits } from '@qaxon/safetensors';
 * const bits = float16BitsToFloat32Bits(0x3c00); // 1.0 in F16
 * console.log(new Float32Array(new Uint32Array([bits]).buffer)[0]); // 1
 * ```
 */
export function float16BitsToFloat32Bits(half: number): number {
  const sign = (half & 0x8000) << 16;
  const exponent = (half >>> 10) & 0x1f;
  let mantissa = half & 0x3ff;
  if (exponent === 0x1f) return (sign | 0x7f800000 | (mantissa << 13)) >>> 0; // Inf / NaN
  if (exponent !== 0) return (sign | ((exponent + 112) << 23) | (mantissa << 13)) >>> 0; // 112 = 127 - 15
  if (mantissa === 0) return sign >>> 0; // +/- 0
  // Subnormal: value = mantissa * 2^-24. Shift until the implicit bit (0x400) appears.
  let shifts = 0;
  while ((mantissa & 0x400) === 0) {
    mantissa <<= 1;
    shifts++;
  }
  return (sign | ((113 - shifts) << 23) | ((mantissa & 0x3ff) << 13)) >>> 0;
}

/**
 * Decodes `count` little-endian F16 values from `bytes` (starting at `byteOffset`) into a
 * new Float32Array.
 *
 * @example
 * ```ts
 * import { decodeFloat16 } from '@qaxon/safetensors';
 * console.log(decodeFloat16(new Uint8Array([0x00, 0x3c, 0x00, 0xc0]), 0, 2)); // Float32Array [1, -2]
 * ```
 */
export function decodeFloat16(bytes: Uint8Array, byteOffset: number, count: number): Float32Array {
  const out = new Float32Array(count);
  const bits = new Uint32Array(out.buffer);
  for (let i = 0, at = byteOffset; i < count; i++, at += 2) {
    bits[i] = float16BitsToFloat32Bits((bytes[at] as number) | ((bytes[at + 1] as number) << 8));
  }
  return out;
}

/**
 * Decodes `count` little-endian BF16 values from `bytes` (starting at `byteOffset`) into a
 * new Float32Array: a bfloat16 is the upper half of a float32, so this is a shift.
 *
 * @example
 * ```ts
 * import { decodeBFloat16 } from '@qaxon/safetensors';
 * console.log(decodeBFloat16(new Uint8Array([0x80, 0x3f, 0x40, 0xc0]), 0, 2)); // Float32Array [1, -3]
 * ```
 */
export function decodeBFloat16(bytes: Uint8Array, byteOffset: number, count: number): Float32Array {
  const out = new Float32Array(count);
  const bits = new Uint32Array(out.buffer);
  for (let i = 0, at = byteOffset; i < count; i++, at += 2) {
    bits[i] = (((bytes[at] as number) | ((bytes[at + 1] as number) << 8)) << 16) >>> 0;
  }
  return out;
}
