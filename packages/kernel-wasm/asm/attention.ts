// Fused scaled dot-product attention in f32 SIMD, one query row at a time: the row's
// scores q·k (four keys per pass, so each q vector is loaded once for four keys) go to
// a scratch row of `keys` floats, the only intermediate; then the maximum over the keys
// the query may see, e^(s - max) with the vector exp, their sum, and the weighted sum of
// the value rows, 16 (then 4, then 1) output entries at a time held in registers while
// the keys stream past. Heads that share a key/value head (grouped-query) run one after
// the other, so that head's keys and values stay in cache; a decode step (one query,
// many keys) is the same loop with one row per head.
//
// Semantics follow the reference op: keys with mask 0 and, when causal, keys past
// `keys - queries + i` are skipped entirely (their values are never read); a NaN score
// makes the row NaN; a query that sees no key gets zeros.
import { expF32x4 } from './exp-f32x4';

/** The maximum of the scores of the row being processed (set by scoreRow). */
let rowMax: f32 = 0;

/**
 * out[b, i, h·headDim ..] = softmax(scale · q k^T) v for every batch entry, head and query.
 * Rows are row-major f32; `mask` is s32 [batch, keys] (0 for none); `scores` holds `keys`
 * floats (rounded up to 4).
 */
export function attentionF32(
  q: usize,
  k: usize,
  v: usize,
  mask: usize,
  out: usize,
  scores: usize,
  batch: i32,
  queries: i32,
  keys: i32,
  heads: i32,
  kvHeads: i32,
  headDim: i32,
  scale: f32,
  causal: bool,
): void {
  const headBytes = <usize>headDim << 2;
  const qStride = <usize>heads * headBytes;
  const kvStride = <usize>kvHeads * headBytes;
  const group = heads / kvHeads;
  for (let b = 0; b < batch; b++) {
    const maskRow = mask === 0 ? 0 : mask + ((<usize>b * <usize>keys) << 2);
    const kBatch = k + <usize>b * <usize>keys * kvStride;
    const vBatch = v + <usize>b * <usize>keys * kvStride;
    for (let h = 0; h < heads; h++) {
      const kvOffset = <usize>(h / group) * headBytes;
      for (let i = 0; i < queries; i++) {
        const count = causal ? min(keys, keys - queries + i + 1) : keys;
        const row = (<usize>b * <usize>queries + <usize>i) * qStride + <usize>h * headBytes;
        const seen = count > 0 ? scoreRow(q + row, kBatch + kvOffset, kvStride, count, headDim, scale, maskRow, scores) : 0;
        if (seen === 0) {
          memory.fill(out + row, 0, headBytes);
          continue;
        }
        const total = weighRow(scores, count);
        weightedSum(scores, count, maskRow, vBatch + kvOffset, kvStride, headDim, total, out + row);
      }
    }
  }
}

/** scores[j] = scale · q·k_j for j < count; returns how many keys are unmasked and sets rowMax over them. */
function scoreRow(q: usize, k: usize, kStride: usize, count: i32, headDim: i32, scale: f32, maskRow: usize, scores: usize): i32 {
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
function weighRow(scores: usize, count: i32): f32 {
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

/** out[d] = Σ_j w_j v_j[d] / total over the unmasked keys j < count. */
function weightedSum(weights: usize, count: i32, maskRow: usize, v: usize, vStride: usize, headDim: i32, total: f32, out: usize): void {
  const end = <usize>headDim << 2;
  const divisor = f32x4.splat(total);
  let d: usize = 0;
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
