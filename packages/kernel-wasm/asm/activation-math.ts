// The activations on four f32 lanes, built on expF32x4. Each avoids the cancellations of
// its textbook form, so every output is within a few ulp of the exact function:
//   sigmoid(x) = e / (1 + e) for x < 0, 1 / (1 + e) otherwise, e = e^-|x| (the reference's split);
//   tanh(|x|)  = odd Taylor series to x^13 below 0.35, else 1 - 2 / (e^2|x| + 1), sign copied;
//   gelu(x)    = x/2 · erfc(|x|/√2) for x < 0, x/2 · (2 - erfc(|x|/√2)) otherwise, with the
//                reference's erfc = t · e^(-z² + P(t)) (Numerical Recipes' erfcc), z² split
//                exactly in two (Dekker) and the sum's rounding error recovered (TwoSum), so
//                the exponent loses no digits;
//   geluTanh(x) = x · sigmoid(2u), u = √(2/π) (x + 0.044715 x³) (= x/2 · (1 + tanh u)).
// NaN gives NaN; ±Infinity gives what the reference's formulas give.
import { expF32x4 } from './exp-f32x4';

const SIGN: i32 = 0x80000000;

/** sigmoid lane by lane. */
export function sigmoidF32x4(x: v128): v128 {
  const e = expF32x4(f32x4.neg(f32x4.abs(x)));
  const numerator = v128.bitselect(f32x4.splat(1), e, f32x4.ge(x, f32x4.splat(0)));
  return f32x4.div(numerator, f32x4.add(f32x4.splat(1), e));
}

/** tanh lane by lane. */
export function tanhF32x4(x: v128): v128 {
  const a = f32x4.abs(x);
  const z = f32x4.mul(a, a);
  // tanh a = a - a³/3 + 2a⁵/15 - 17a⁷/315 + 62a⁹/2835 - 1382a¹¹/155925 + 21844a¹³/6081075
  let p = f32x4.splat(<f32>(21844.0 / 6081075.0));
  p = f32x4.add(f32x4.mul(p, z), f32x4.splat(<f32>(-1382.0 / 155925.0)));
  p = f32x4.add(f32x4.mul(p, z), f32x4.splat(<f32>(62.0 / 2835.0)));
  p = f32x4.add(f32x4.mul(p, z), f32x4.splat(<f32>(-17.0 / 315.0)));
  p = f32x4.add(f32x4.mul(p, z), f32x4.splat(<f32>(2.0 / 15.0)));
  p = f32x4.add(f32x4.mul(p, z), f32x4.splat(<f32>(-1.0 / 3.0)));
  const series = f32x4.add(f32x4.mul(f32x4.mul(p, z), a), a);
  const large = f32x4.sub(f32x4.splat(1), f32x4.div(f32x4.splat(2), f32x4.add(expF32x4(f32x4.add(a, a)), f32x4.splat(1))));
  const magnitude = v128.bitselect(series, large, f32x4.lt(a, f32x4.splat(0.35)));
  return v128.or(magnitude, v128.and(x, i32x4.splat(SIGN)));
}

/** gelu (erf form, the reference's erfc approximation) lane by lane. */
export function geluF32x4(x: v128): v128 {
  // Past 20, erfc(|x|/√2) is 0 in f32 (and the split below would overflow): clamp.
  const a = f32x4.min(f32x4.abs(x), f32x4.splat(20));
  // z² = a²/2 exactly as hi + lo: a = ah + al with ah of 12 significant bits (Veltkamp).
  const big = f32x4.mul(a, f32x4.splat(4097));
  const ah = f32x4.sub(big, f32x4.sub(big, a));
  const al = f32x4.sub(a, ah);
  const hi = f32x4.mul(a, a);
  const lo = f32x4.add(f32x4.add(f32x4.sub(f32x4.mul(ah, ah), hi), f32x4.mul(f32x4.add(ah, ah), al)), f32x4.mul(al, al));
  const z = f32x4.mul(a, f32x4.splat(<f32>Math.SQRT1_2));
  const t = f32x4.div(f32x4.splat(1), f32x4.add(f32x4.splat(1), f32x4.mul(f32x4.splat(0.5), z)));
  let p = f32x4.splat(0.17087277);
  p = f32x4.add(f32x4.mul(p, t), f32x4.splat(-0.82215223));
  p = f32x4.add(f32x4.mul(p, t), f32x4.splat(1.48851587));
  p = f32x4.add(f32x4.mul(p, t), f32x4.splat(-1.13520398));
  p = f32x4.add(f32x4.mul(p, t), f32x4.splat(0.27886807));
  p = f32x4.add(f32x4.mul(p, t), f32x4.splat(-0.18628806));
  p = f32x4.add(f32x4.mul(p, t), f32x4.splat(0.09678418));
  p = f32x4.add(f32x4.mul(p, t), f32x4.splat(0.37409196));
  p = f32x4.add(f32x4.mul(p, t), f32x4.splat(1.00002368));
  p = f32x4.add(f32x4.mul(p, t), f32x4.splat(-1.26551223));
  const half = f32x4.splat(0.5);
  // e^(-z² + P) = e^s · (1 + err - lo/2): s = -hi/2 + P rounded, err its rounding error
  // (TwoSum, exact), lo/2 the part of z² that hi/2 leaves out; both far below 2^-10.
  const a0 = f32x4.neg(f32x4.mul(hi, half));
  const s = f32x4.add(a0, p);
  const back = f32x4.sub(s, a0);
  const err = f32x4.add(f32x4.sub(a0, f32x4.sub(s, back)), f32x4.sub(p, back));
  const e = expF32x4(s);
  const erfc = f32x4.mul(t, f32x4.add(e, f32x4.mul(e, f32x4.sub(err, f32x4.mul(lo, half)))));
  const factor = v128.bitselect(erfc, f32x4.sub(f32x4.splat(2), erfc), f32x4.lt(x, f32x4.splat(0)));
  return f32x4.mul(f32x4.mul(half, x), factor);
}

/** gelu (tanh approximation) lane by lane. */
export function geluTanhF32x4(x: v128): v128 {
  const cube = f32x4.mul(f32x4.mul(x, x), x);
  const u = f32x4.mul(f32x4.splat(<f32>0.7978845608028654), f32x4.add(x, f32x4.mul(f32x4.splat(0.044715), cube)));
  return f32x4.mul(x, sigmoidF32x4(f32x4.add(u, u)));
}
