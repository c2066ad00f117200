// e^x on four f32 lanes: x = n·ln2 + r with n = round(x / ln2) and |r| <= ln2 / 2 (ln2 in
// two parts, so r is exact to f32), e^r by its degree-6 Taylor-like polynomial (the
// coefficients of Cephes' expf), and 2^n as two exponent-field powers 2^(n/2)·2^(n - n/2)
// so that results near the overflow and in the subnormal range come out right. Within
// 2 ulp of e^x; NaN stays NaN (min/max propagate it), +Infinity gives +Infinity and
// -Infinity gives 0.

/** Beyond this e^x overflows f32 to +Infinity even after clamping. */
const HIGH: f32 = 89.0;
/** Below this e^x rounds to 0 in f32. */
const LOW: f32 = -104.0;
/** 1.5 · 2^23: adding it rounds an f32 of magnitude below 2^22 to an integer. */
const ROUNDER: f32 = 12582912.0;

/** e^x lane by lane. */
export function expF32x4(x: v128): v128 {
  // pmin/pmax are single instructions; with the constant second, a NaN x still comes through.
  const clamped = f32x4.pmax(f32x4.pmin(x, f32x4.splat(HIGH)), f32x4.splat(LOW));
  // round(x / ln2) by adding and removing 1.5·2^23 (round to nearest even); the sum's low
  // bits are then n as an integer.
  const shifted = f32x4.add(f32x4.mul(clamped, f32x4.splat(1.4426950408889634)), f32x4.splat(ROUNDER));
  const n = f32x4.sub(shifted, f32x4.splat(ROUNDER));
  let r = f32x4.sub(clamped, f32x4.mul(n, f32x4.splat(0.693359375)));
  r = f32x4.sub(r, f32x4.mul(n, f32x4.splat(-2.12194440e-4)));
  let p = f32x4.splat(1.9875691500e-4);
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(1.3981999507e-3));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(8.3334519073e-3));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(4.1665795894e-2));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(1.6666665459e-1));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(5.0000001201e-1));
  const y = f32x4.add(f32x4.add(f32x4.mul(f32x4.mul(p, r), r), r), f32x4.splat(1));
  const whole = i32x4.sub(shifted, f32x4.splat(ROUNDER));
  const first = i32x4.shr_s(whole, 1);
  const second = i32x4.sub(whole, first);
  const bias = i32x4.splat(127);
  const scaleFirst = i32x4.shl(i32x4.add(first, bias), 23);
  const scaleSecond = i32x4.shl(i32x4.add(second, bias), 23);
  return f32x4.mul(f32x4.mul(y, scaleFirst), scaleSecond);
}
