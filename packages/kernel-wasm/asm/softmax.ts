// softmax and logSoftmax along the last axis in f32 SIMD, one row at a time: the row's
// maximum (NaN-propagating, as the reference's Math.max), then w = e^(x - max) with the
// subtraction's rounding error recovered exactly (TwoSum) and applied as e^(s + lo) =
// e^s · (1 + lo), so the exponent loses no digits; the sum of w; then w / sum, or
// (x - max) - log(sum). Rows of any width: whole vectors, then single lanes.
import { expF32x4 } from './exp-f32x4';
import { logF64 } from './log-f64';

/** e^(x - max) lane by lane, the difference's rounding error folded back in. */
function shiftedExp(x: v128, max: v128): v128 {
  const negated = f32x4.neg(max);
  const s = f32x4.add(x, negated);
  const back = f32x4.sub(s, x);
  let lo = f32x4.add(f32x4.sub(x, f32x4.sub(s, back)), f32x4.sub(negated, back));
  lo = v128.and(lo, f32x4.eq(lo, lo)); // infinities make lo NaN: no correction there
  const e = expF32x4(s);
  return f32x4.add(e, f32x4.mul(e, lo));
}

function lanesSum(v: v128): f32 {
  return f32x4.extract_lane(v, 0) + f32x4.extract_lane(v, 1) + (f32x4.extract_lane(v, 2) + f32x4.extract_lane(v, 3));
}

/** softmax (log = false) or logSoftmax (log = true) of `rows` rows of `width` floats. */
export function softmaxRowsF32(x: usize, out: usize, rows: i32, width: i32, log: bool): void {
  const rowBytes = <usize>width << 2;
  const vectorEnd = <usize>(width & ~3) << 2;
  for (let r = 0; r < rows; r++) {
    const row = x + <usize>r * rowBytes;
    const target = out + <usize>r * rowBytes;
    let m = f32x4.splat(-Infinity);
    for (let at: usize = 0; at < vectorEnd; at += 16) m = f32x4.max(m, v128.load(row + at));
    let best = max(max(f32x4.extract_lane(m, 0), f32x4.extract_lane(m, 1)), max(f32x4.extract_lane(m, 2), f32x4.extract_lane(m, 3)));
    for (let at = vectorEnd; at < rowBytes; at += 4) best = max(best, load<f32>(row + at));
    const maxVector = f32x4.splat(best);
    let sum = f32x4.splat(0);
    for (let at: usize = 0; at < vectorEnd; at += 16) {
      const w = shiftedExp(v128.load(row + at), maxVector);
      if (!log) v128.store(target + at, w);
      sum = f32x4.add(sum, w);
    }
    let total = lanesSum(sum);
    for (let at = vectorEnd; at < rowBytes; at += 4) {
      const w = f32x4.extract_lane(shiftedExp(f32x4.splat(load<f32>(row + at)), maxVector), 0);
      if (!log) store<f32>(target + at, w);
      total += w;
    }
    if (log) {
      const logTotal = f32x4.splat(<f32>logF64(<f64>total));
      for (let at: usize = 0; at < vectorEnd; at += 16) {
        v128.store(target + at, f32x4.sub(f32x4.sub(v128.load(row + at), maxVector), logTotal));
      }
      for (let at = vectorEnd; at < rowBytes; at += 4) store<f32>(target + at, load<f32>(row + at) - best - f32x4.extract_lane(logTotal, 0));
    } else {
      const divisor = f32x4.splat(total);
      for (let at: usize = 0; at < vectorEnd; at += 16) v128.store(target + at, f32x4.div(v128.load(target + at), divisor));
      for (let at = vectorEnd; at < rowBytes; at += 4) store<f32>(target + at, load<f32>(target + at) / total);
    }
  }
}
