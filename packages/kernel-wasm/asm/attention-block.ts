// Four query rows of the fused attention (asm/attention.ts) that see the same keys (no
// causal limit; the mask is per batch entry): each key row is loaded once for the four
// queries' dot products (four accumulators, their lanes added by one transpose), each
// value row once for the four weighted sums (8 output entries of each row per pass, 8
// accumulators). Maximum, weights and the output's last headDim % 8 entries go row by
// row through asm/attention-row.ts, so a row's result is what the one-row path computes
// up to the order of its dot products' partial sums.
import { maxOverKeys, weighRow, weightedSum } from './attention-row';

/** The four rows' softmax sums (set by attendFourQueries). */
let total0: f32 = 0, total1: f32 = 0, total2: f32 = 0, total3: f32 = 0;

/**
 * out rows = attention of the query rows q, q + qStride, .. (3 more), against `keys` keys
 * of stride kvStride; `scores` holds 4 rows of keysRounded = (keys + 3) & ~3 floats.
 */
export function attendFourQueries(
  q: usize,
  qStride: usize,
  k: usize,
  v: usize,
  kvStride: usize,
  keys: i32,
  headDim: i32,
  scale: f32,
  maskRow: usize,
  scores: usize,
  out: usize,
): void {
  const scoresStride = <usize>((keys + 3) & ~3) << 2;
  scoreFour(q, qStride, k, kvStride, keys, headDim, scale, scores, scoresStride);
  // Same mask for the four rows: all see no key, or all see some.
  if (maxOverKeys(scores, keys, maskRow) === 0) {
    for (let r: usize = 0; r < 4; r++) memory.fill(out + r * qStride, 0, <usize>headDim << 2);
    return;
  }
  total0 = weighRow(scores, keys);
  maxOverKeys(scores + scoresStride, keys, maskRow);
  total1 = weighRow(scores + scoresStride, keys);
  maxOverKeys(scores + 2 * scoresStride, keys, maskRow);
  total2 = weighRow(scores + 2 * scoresStride, keys);
  maxOverKeys(scores + 3 * scoresStride, keys, maskRow);
  total3 = weighRow(scores + 3 * scoresStride, keys);
  const blockEnd = <usize>(headDim & ~7) << 2;
  sumFour(scores, scoresStride, keys, maskRow, v, kvStride, blockEnd, out, qStride);
  if (blockEnd < (<usize>headDim << 2)) {
    weightedSum(scores, keys, maskRow, v, kvStride, headDim, total0, out, blockEnd);
    weightedSum(scores + scoresStride, keys, maskRow, v, kvStride, headDim, total1, out + qStride, blockEnd);
    weightedSum(scores + 2 * scoresStride, keys, maskRow, v, kvStride, headDim, total2, out + 2 * qStride, blockEnd);
    weightedSum(scores + 3 * scoresStride, keys, maskRow, v, kvStride, headDim, total3, out + 3 * qStride, blockEnd);
  }
}

/** scores[r][j] = scale · q_r·k_j for the four rows r and every key j. */
function scoreFour(q: usize, qStride: usize, k: usize, kStride: usize, keys: i32, headDim: i32, scale: f32, scores: usize, scoresStride: usize): void {
  const q1 = q + qStride, q2 = q1 + qStride, q3 = q2 + qStride;
  const vectorEnd = <usize>(headDim & ~3) << 2;
  const end = <usize>headDim << 2;
  const factor = f32x4.splat(scale);
  let kj = k;
  for (let j = 0; j < keys; j++, kj += kStride) {
    let a0 = f32x4.splat(0), a1 = f32x4.splat(0), a2 = f32x4.splat(0), a3 = f32x4.splat(0);
    for (let d: usize = 0; d < vectorEnd; d += 16) {
      const kv = v128.load(kj + d);
      a0 = f32x4.add(a0, f32x4.mul(v128.load(q + d), kv));
      a1 = f32x4.add(a1, f32x4.mul(v128.load(q1 + d), kv));
      a2 = f32x4.add(a2, f32x4.mul(v128.load(q2 + d), kv));
      a3 = f32x4.add(a3, f32x4.mul(v128.load(q3 + d), kv));
    }
    const s01 = f32x4.add(v128.shuffle<f32>(a0, a1, 0, 4, 2, 6), v128.shuffle<f32>(a0, a1, 1, 5, 3, 7));
    const s23 = f32x4.add(v128.shuffle<f32>(a2, a3, 0, 4, 2, 6), v128.shuffle<f32>(a2, a3, 1, 5, 3, 7));
    let sums = f32x4.add(v128.shuffle<f32>(s01, s23, 0, 1, 4, 5), v128.shuffle<f32>(s01, s23, 2, 3, 6, 7));
    if (vectorEnd < end) {
      let t0: f32 = 0, t1: f32 = 0, t2: f32 = 0, t3: f32 = 0;
      for (let d = vectorEnd; d < end; d += 4) {
        const kd = load<f32>(kj + d);
        t0 += load<f32>(q + d) * kd;
        t1 += load<f32>(q1 + d) * kd;
        t2 += load<f32>(q2 + d) * kd;
        t3 += load<f32>(q3 + d) * kd;
      }
      sums = f32x4.add(sums, f32x4(t0, t1, t2, t3));
    }
    sums = f32x4.mul(sums, factor);
    const at = scores + (<usize>j << 2);
    v128.store32_lane(at, sums, 0);
    v128.store32_lane(at + scoresStride, sums, 1);
    v128.store32_lane(at + 2 * scoresStride, sums, 2);
    v128.store32_lane(at + 3 * scoresStride, sums, 3);
  }
}

/** out_r[d .. d+8] = Σ_j w_r[j] v_j[d .. d+8] / total_r for d < blockEnd (bytes), the four rows at once. */
function sumFour(weights: usize, wStride: usize, keys: i32, maskRow: usize, v: usize, vStride: usize, blockEnd: usize, out: usize, outStride: usize): void {
  const w1 = weights + wStride, w2 = w1 + wStride, w3 = w2 + wStride;
  for (let d: usize = 0; d < blockEnd; d += 32) {
    let a0 = f32x4.splat(0), b0 = f32x4.splat(0), a1 = f32x4.splat(0), b1 = f32x4.splat(0);
    let a2 = f32x4.splat(0), b2 = f32x4.splat(0), a3 = f32x4.splat(0), b3 = f32x4.splat(0);
    let row = v + d;
    for (let j = 0; j < keys; j++, row += vStride) {
      if (maskRow !== 0 && load<i32>(maskRow + (<usize>j << 2)) === 0) continue;
      const at = <usize>j << 2;
      const low = v128.load(row);
      const high = v128.load(row, 16);
      let w = v128.load32_splat(weights + at);
      a0 = f32x4.add(a0, f32x4.mul(w, low));
      b0 = f32x4.add(b0, f32x4.mul(w, high));
      w = v128.load32_splat(w1 + at);
      a1 = f32x4.add(a1, f32x4.mul(w, low));
      b1 = f32x4.add(b1, f32x4.mul(w, high));
      w = v128.load32_splat(w2 + at);
      a2 = f32x4.add(a2, f32x4.mul(w, low));
      b2 = f32x4.add(b2, f32x4.mul(w, high));
      w = v128.load32_splat(w3 + at);
      a3 = f32x4.add(a3, f32x4.mul(w, low));
      b3 = f32x4.add(b3, f32x4.mul(w, high));
    }
    let o = out + d;
    let divisor = f32x4.splat(total0);
    v128.store(o, f32x4.div(a0, divisor));
    v128.store(o, f32x4.div(b0, divisor), 16);
    o += outStride;
    divisor = f32x4.splat(total1);
    v128.store(o, f32x4.div(a1, divisor));
    v128.store(o, f32x4.div(b1, divisor), 16);
    o += outStride;
    divisor = f32x4.splat(total2);
    v128.store(o, f32x4.div(a2, divisor));
    v128.store(o, f32x4.div(b2, divisor), 16);
    o += outStride;
    divisor = f32x4.splat(total3);
    v128.store(o, f32x4.div(a3, divisor));
    v128.store(o, f32x4.div(b3, divisor), 16);
  }
}
