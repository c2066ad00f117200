// GEMM micro-kernels that read int8 panel rows directly and widen them in registers (see
// widen.ts), for a few rows of x (gemm-s8-few-rows.ts): there widening each weight in
// registers beats widening it into a scratch block and reading it back. `even` is
// evenLanesSelector's value. Same sum order as every other path.
import { highColumns, lowColumns } from './widen';

/** y[r][0..16] = Σ_k x[r][k] * w[k][0..16] for r = 0, 1, over all `depth` rows of the panel at `w`. */
export function tile2x16S8(x: usize, xStride: usize, w: usize, depth: i32, y: usize, yStride: usize, even: v128): void {
  const y1 = y + yStride;
  const x1 = x + xStride;
  let a0 = f32x4.splat(0), a1 = f32x4.splat(0), a2 = f32x4.splat(0), a3 = f32x4.splat(0);
  let b0 = f32x4.splat(0), b1 = f32x4.splat(0), b2 = f32x4.splat(0), b3 = f32x4.splat(0);
  const end = <usize>depth << 2;
  for (let k: usize = 0; k < end; k += 4) {
    let bytes = v128.load8x8_s(w);
    const w0 = lowColumns(bytes, even);
    const w1 = highColumns(bytes);
    bytes = v128.load8x8_s(w, 8);
    const w2 = lowColumns(bytes, even);
    const w3 = highColumns(bytes);
    let s = v128.load32_splat(x + k);
    a0 = f32x4.add(a0, f32x4.mul(s, w0));
    a1 = f32x4.add(a1, f32x4.mul(s, w1));
    a2 = f32x4.add(a2, f32x4.mul(s, w2));
    a3 = f32x4.add(a3, f32x4.mul(s, w3));
    s = v128.load32_splat(x1 + k);
    b0 = f32x4.add(b0, f32x4.mul(s, w0));
    b1 = f32x4.add(b1, f32x4.mul(s, w1));
    b2 = f32x4.add(b2, f32x4.mul(s, w2));
    b3 = f32x4.add(b3, f32x4.mul(s, w3));
    w += 16;
  }
  v128.store(y, a0);
  v128.store(y, a1, 16);
  v128.store(y, a2, 32);
  v128.store(y, a3, 48);
  v128.store(y1, b0);
  v128.store(y1, b1, 16);
  v128.store(y1, b2, 32);
  v128.store(y1, b3, 48);
}

/**
 * y[r][0..8] (+)= Σ_k x[r][k] * w[k][half] for r = 0..3 and `count` rows of a panel, where
 * `w` points at one 8-byte half of the first int8 panel row (panel rows are 16 bytes) and
 * the 4 rows of x are interleaved at `xs` ([count][4] f32, see interleaveRows in gemm-s8-few-rows.ts) so
 * that one pointer with constant offsets serves every load. Each 8 weights are widened
 * once in registers and used by 4 rows; `accumulate` continues sums stored in y.
 */
export function tile4x8S8Packed(xs: usize, w: usize, count: i32, y: usize, yStride: usize, accumulate: bool, even: v128): void {
  const y1 = y + yStride, y2 = y1 + yStride, y3 = y2 + yStride;
  let a0 = f32x4.splat(0), a1 = f32x4.splat(0), b0 = f32x4.splat(0), b1 = f32x4.splat(0);
  let c0 = f32x4.splat(0), c1 = f32x4.splat(0), d0 = f32x4.splat(0), d1 = f32x4.splat(0);
  if (accumulate) {
    a0 = v128.load(y);
    a1 = v128.load(y, 16);
    b0 = v128.load(y1);
    b1 = v128.load(y1, 16);
    c0 = v128.load(y2);
    c1 = v128.load(y2, 16);
    d0 = v128.load(y3);
    d1 = v128.load(y3, 16);
  }
  const end = xs + (<usize>count << 4);
  for (; xs < end; xs += 16) {
    const bytes = v128.load8x8_s(w);
    const w0 = lowColumns(bytes, even);
    const w1 = highColumns(bytes);
    let s = v128.load32_splat(xs);
    a0 = f32x4.add(a0, f32x4.mul(s, w0));
    a1 = f32x4.add(a1, f32x4.mul(s, w1));
    s = v128.load32_splat(xs, 4);
    b0 = f32x4.add(b0, f32x4.mul(s, w0));
    b1 = f32x4.add(b1, f32x4.mul(s, w1));
    s = v128.load32_splat(xs, 8);
    c0 = f32x4.add(c0, f32x4.mul(s, w0));
    c1 = f32x4.add(c1, f32x4.mul(s, w1));
    s = v128.load32_splat(xs, 12);
    d0 = f32x4.add(d0, f32x4.mul(s, w0));
    d1 = f32x4.add(d1, f32x4.mul(s, w1));
    w += 16;
  }
  v128.store(y, a0);
  v128.store(y, a1, 16);
  v128.store(y1, b0);
  v128.store(y1, b1, 16);
  v128.store(y2, c0);
  v128.store(y2, c1, 16);
  v128.store(y3, d0);
  v128.store(y3, d1, 16);
}

/** As tile4x8S8Packed for 3 rows of x (lane 3 of each interleaved group of x is not read). */
export function tile3x8S8Packed(xs: usize, w: usize, count: i32, y: usize, yStride: usize, accumulate: bool, even: v128): void {
  const y1 = y + yStride, y2 = y1 + yStride;
  let a0 = f32x4.splat(0), a1 = f32x4.splat(0), b0 = f32x4.splat(0), b1 = f32x4.splat(0);
  let c0 = f32x4.splat(0), c1 = f32x4.splat(0);
  if (accumulate) {
    a0 = v128.load(y);
    a1 = v128.load(y, 16);
    b0 = v128.load(y1);
    b1 = v128.load(y1, 16);
    c0 = v128.load(y2);
    c1 = v128.load(y2, 16);
  }
  const end = xs + (<usize>count << 4);
  for (; xs < end; xs += 16) {
    const bytes = v128.load8x8_s(w);
    const w0 = lowColumns(bytes, even);
    const w1 = highColumns(bytes);
    let s = v128.load32_splat(xs);
    a0 = f32x4.add(a0, f32x4.mul(s, w0));
    a1 = f32x4.add(a1, f32x4.mul(s, w1));
    s = v128.load32_splat(xs, 4);
    b0 = f32x4.add(b0, f32x4.mul(s, w0));
    b1 = f32x4.add(b1, f32x4.mul(s, w1));
    s = v128.load32_splat(xs, 8);
    c0 = f32x4.add(c0, f32x4.mul(s, w0));
    c1 = f32x4.add(c1, f32x4.mul(s, w1));
    w += 16;
  }
  v128.store(y, a0);
  v128.store(y, a1, 16);
  v128.store(y1, b0);
  v128.store(y1, b1, 16);
  v128.store(y2, c0);
  v128.store(y2, c1, 16);
}

/** As tile4x8S8Packed for 5 rows of x interleaved [count][8] f32 (lanes 5..7 are not read). */
export function tile5x8S8Packed(xs: usize, w: usize, count: i32, y: usize, yStride: usize, accumulate: bool, even: v128): void {
  const y1 = y + yStride, y2 = y1 + yStride, y3 = y2 + yStride, y4 = y3 + yStride;
  let a0 = f32x4.splat(0), a1 = f32x4.splat(0), b0 = f32x4.splat(0), b1 = f32x4.splat(0), c0 = f32x4.splat(0);
  let c1 = f32x4.splat(0), d0 = f32x4.splat(0), d1 = f32x4.splat(0), e0 = f32x4.splat(0), e1 = f32x4.splat(0);
  if (accumulate) {
    a0 = v128.load(y);
    a1 = v128.load(y, 16);
    b0 = v128.load(y1);
    b1 = v128.load(y1, 16);
    c0 = v128.load(y2);
    c1 = v128.load(y2, 16);
    d0 = v128.load(y3);
    d1 = v128.load(y3, 16);
    e0 = v128.load(y4);
    e1 = v128.load(y4, 16);
  }
  const end = xs + (<usize>count << 5);
  for (; xs < end; xs += 32) {
    const bytes = v128.load8x8_s(w);
    const w0 = lowColumns(bytes, even);
    const w1 = highColumns(bytes);
    let s = v128.load32_splat(xs);
    a0 = f32x4.add(a0, f32x4.mul(s, w0));
    a1 = f32x4.add(a1, f32x4.mul(s, w1));
    s = v128.load32_splat(xs, 4);
    b0 = f32x4.add(b0, f32x4.mul(s, w0));
    b1 = f32x4.add(b1, f32x4.mul(s, w1));
    s = v128.load32_splat(xs, 8);
    c0 = f32x4.add(c0, f32x4.mul(s, w0));
    c1 = f32x4.add(c1, f32x4.mul(s, w1));
    s = v128.load32_splat(xs, 12);
    d0 = f32x4.add(d0, f32x4.mul(s, w0));
    d1 = f32x4.add(d1, f32x4.mul(s, w1));
    s = v128.load32_splat(xs, 16);
    e0 = f32x4.add(e0, f32x4.mul(s, w0));
    e1 = f32x4.add(e1, f32x4.mul(s, w1));
    w += 16;
  }
  v128.store(y, a0);
  v128.store(y, a1, 16);
  v128.store(y1, b0);
  v128.store(y1, b1, 16);
  v128.store(y2, c0);
  v128.store(y2, c1, 16);
  v128.store(y3, d0);
  v128.store(y3, d1, 16);
  v128.store(y4, e0);
  v128.store(y4, e1, 16);
}
