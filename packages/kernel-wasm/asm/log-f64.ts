// ln x for finite x > 0 in float64 without lookup tables (the standard library's log reads
// tables from static data, which this module may not have: the heap owns its memory from
// address 1024 on). x = 2^k · m with m in [√½, √2), ln m = 2·atanh(s) = 2(s + s³/3 + ...),
// s = (m - 1)/(m + 1), |s| < 0.172: terms to s^15 leave a relative error below 1e-12, far
// below f32 resolution. 0 gives -Infinity, +Infinity gives +Infinity, NaN or < 0 give NaN.

export function logF64(x: f64): f64 {
  if (!(x > 0) || x === Infinity) return x === 0 ? -Infinity : x === Infinity ? x : NaN;
  let bits = reinterpret<i64>(x);
  let k = <i32>(bits >> 52) - 1023;
  if (k === -1023) {
    // Subnormal: scale up by 2^54 first.
    bits = reinterpret<i64>(x * 18014398509481984.0);
    k = <i32>(bits >> 52) - 1023 - 54;
  }
  let m = reinterpret<f64>((bits & 0x000fffffffffffff) | 0x3ff0000000000000);
  if (m > Math.SQRT2) {
    m *= 0.5;
    k += 1;
  }
  const s = (m - 1) / (m + 1);
  const z = s * s;
  const series = s * (2 + z * (2.0 / 3 + z * (2.0 / 5 + z * (2.0 / 7 + z * (2.0 / 9 + z * (2.0 / 11 + z * (2.0 / 13 + z * (2.0 / 15))))))));
  return <f64>k * Math.LN2 + series;
}
