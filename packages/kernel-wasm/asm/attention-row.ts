// One query row of the fused attention (asm/attention.ts): its scores against four keys
// per pass into the scratch row, their maximum over the keys it may see, the weights
// e^(s - max) and their sum, and the weighted sum of the value rows, 16 (then 4, then 1)
// output entries at a time held in registers while the keys stream past.
import { expF32x4 } from './exp-f32x4';

/** The maximum of the scores of the row being processed (set by maxOverKeys, read by weighRow). */
let rowMax: f32 = 0;

/** scores[j] = scale · q·k_j for j < count; returns how many keys are unmasked and sets rowMax over them. */
export function scoreRow(q: usize, k: usize, kStride: usize, count: i32, headDim: i32, scale: f32, maskRow: usize, scores: usize): i32 {
  const vectorEnd = <usize>(headDim & ~3) << 2;
  const end = <usize>headDim << 2;
  let j = 0;
  for (; j + 4 <= count; j += 4) {
    const k0 = k + <usize>j * kStride;
    const k1 = k0 + kStride;
    const k2 = k1 + kStride;
    const k3 = k2 + kStride;
    let a0 = f32x4.splat(0), a1 = f32x4.splat(0), a2 = f32x4.splat(0), a3 = f32x4.splat(0);
    for (let d: usize = 0; d < vectorEnd; d += 16) {
      const x = v128.load(q + d);
      a0 = f32x4.add(a0, f32x4.mul(x, v128.load(k0 + d)));
      a1 = f32x4.add(a1, f32x4.mul(x, v128.load(k1 + d)));
      a2 = f32x4.add(a2, f32x4.mul(x, v128.load(k2 + d)));
      a3 = f32x4.add(a3, f32x4.mul(x, v128.load(k3 + d)));
    }
    // Transpose-and-add: lane t of the result is the horizontal sum of a_t.
    const s01 = f32x4.add(v128.shuffle<f32>(a0, a1, 0, 4, 2, 6), v128.shuffle<f32>(a0, a1, 1, 5, 3, 7));
    const s23 = f32x4.add(v128.shuffle<f32>(a2, a3, 0, 4, 2, 6), v128.shuffle<f32>(a2, a3, 1, 5, 3, 7));
    let sums = f32x4.add(v128.shuffle<f32>(s01, s23, 0, 1, 4, 5), v128.shuffle<f32>(s01, s23, 2, 3, 6, 7));
    if (vectorEnd < end) {
      let t0: f32 = 0, t1: f32 = 0, t2: f32 = 0, t3: f32 = 0;
      for (let d = vectorEnd; d < end; d += 4) {
        const x = load<f32>(q + d);
        t0 += x * load<f32>(k0 + d);
        t1 += x * load<f32>(k1 + d);
        t2 += x * load<f32>(k2 + d);
        t3 += x * load<f32>(k3 + d);
      }
      sums = f32x4.add(sums, f32x4(t0, t1, t2, t3));
    }
    v128.store(scores + (<usize>j << 2), f32x4.mul(sums, f32x4.splat(scale)));
  }
  for (; j < count; j++) {
    const kj = k + <usize>j * kStride;
    let a = f32x4.splat(0);
    for (let d: usize = 0; d < vectorEnd; d += 16) a = f32x4.add(a, f32x4.mul(v128.load(q + d), v128.load(kj + d)));
    let t = f32x4.extract_lane(a, 0) + f32x4.extract_lane(a, 1) + (f32x4.extract_lane(a, 2) + f32x4.extract_lane(a, 3));
    for (let d = vectorEnd; d < end; d += 4) t += load<f32>(q + d) * load<f32>(kj + d);
    store<f32>(scores + (<usize>j << 2), t * scale);
  }
  return maxOverKeys(scores, count, maskRow);
}

/** Sets rowMax to the maximum of scores[j] over the unmasked keys j < count (masked ones become -Infinity); returns how many are unmasked. */
export function maxOverKeys(scores: usize, count: i32, maskRow: usize): i32 {
  let best: f32 = -Infinity;
  let seen = 0;
  if (maskRow === 0) {
    let m = f32x4.splat(-Infinity);
    let jj = 0;
    for (; jj + 4 <= count; jj += 4) m = f32x4.max(m, v128.load(scores + (<usize>jj << 2)));
    best = max(max(f32x4.extract_lane(m, 0), f32x4.extract_lane(m, 1)), max(f32x4.extract_lane(m, 2), f32x4.extract_lane(m, 3)));
    for (; jj < count; jj++) best = max(best, load<f32>(scores + (<usize>jj << 2)));
    seen = count;
  } else {
    for (let jj = 0; jj < count; jj++) {
      const at = scores + (<usize>jj << 2);
      if (load<i32>(maskRow + (<usize>jj << 2)) === 0) {
        store<f32>(at, -Infinity); // weighs e^-Infinity = 0 (the sum skips its value row)
        continue;
      }
      best = max(best, load<f32>(at));
      seen++;
    }
  }
  rowMax = best;
  return seen;
}

/** scores[j] = e^(scores[j] - rowMax) for j < count (masked keys hold -Infinity, so 0); returns their sum. */
export function weighRow(scores: usize, count: i32): f32 {
  const max = f32x4.splat(rowMax);
  let sum = f32x4.splat(0);
  const end = <usize>count << 2;
  // The scratch row is padded to a multiple of 4 floats: the last vector's extra lanes are
  // zeroed (no static data: the module's memory from address 1024 on is the heap's).
  for (let at: usize = 0; at < end; at += 16) {
    let w = expF32x4(f32x4.sub(v128.load(scores + at), max));
    const left = end - at;
    if (left < 16) w = v128.and(w, i32x4.lt_s(i32x4(0, 1, 2, 3), i32x4.splat(<i32>(left >> 2))));
    v128.store(scores + at, w);
    sum = f32x4.add(sum, w);
  }
  return f32x4.extract_lane(sum, 0) + f32x4.extract_lane(sum, 1) + (f32x4.extract_lane(sum, 2) + f32x4.extract_lane(sum, 3));
}

/** out[d] = Σ_j w_j v_j[d] / total over the unmasked keys j < count, for d from `first` (bytes) to headDim. */
export function weightedSum(weights: usize, count: i32, maskRow: usize, v: usize, vStride: usize, headDim: i32, total: f32, out: usize, first: usize): void {
  const end = <usize>headDim << 2;
  const divisor = f32x4.splat(total);
  let d: usize = first;
  for (; d + 64 <= end; d += 64) {
    let a0 = f32x4.splat(0), a1 = f32x4.splat(0), a2 = f32x4.splat(0), a3 = f32x4.splat(0);
    let row = v + d;
    for (let j = 0; j < count; j++, row += vStride) {
      if (maskRow !== 0 && load<i32>(maskRow + (<usize>j << 2)) === 0) continue;
      const w = v128.load32_splat(weights + (<usize>j << 2));
      a0 = f32x4.add(a0, f32x4.mul(w, v128.load(row)));
      a1 = f32x4.add(a1, f32x4.mul(w, v128.load(row, 16)));
      a2 = f32x4.add(a2, f32x4.mul(w, v128.load(row, 32)));
      a3 = f32x4.add(a3, f32x4.mul(w, v128.load(row, 48)));
    }
    v128.store(out + d, f32x4.div(a0, divisor));
    v128.store(out + d, f32x4.div(a1, divisor), 16);
    v128.store(out + d, f32x4.div(a2, divisor), 32);
    v128.store(out + d, f32x4.div(a3, divisor), 48);
  }
  for (; d + 16 <= end; d += 16) {
    let a = f32x4.splat(0);
    let row = v + d;
    for (let j = 0; j < count; j++, row += vStride) {
      if (maskRow !== 0 && load<i32>(maskRow + (<usize>j << 2)) === 0) continue;
      a = f32x4.add(a, f32x4.mul(v128.load32_splat(weights + (<usize>j << 2)), v128.load(row)));
    }
    v128.store(out + d, f32x4.div(a, divisor));
  }
  for (; d < end; d += 4) {
    let a: f32 = 0;
    let row = v + d;
    for (let j = 0; j < count; j++, row += vStride) {
      if (maskRow !== 0 && load<i32>(maskRow + (<usize>j << 2)) === 0) continue;
      a += load<f32>(weights + (<usize>j << 2)) * load<f32>(row);
    }
    store<f32>(out + d, a / total);
  }
}
