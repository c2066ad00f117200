// GEMM micro-kernels over f32 weight rows of 16 floats (a panel, or a widened block of
// one): half = 0 takes columns 0..7 of each row, half = 1 columns 8..15. Each x value is
// splatted once and reused across 8 columns; each weight vector across 4 rows of x.
// `accumulate` continues sums stored in y by an earlier block of k (same order as one
// pass), otherwise sums start at 0.

/** y[r][0..8] (+)= Σ_k x[r][k] * w[k][0..8] for r = 0..3. Strides are in bytes. */
export function tile4x8(
  x: usize,
  xStride: usize,
  w: usize,
  depth: i32,
  y: usize,
  yStride: usize,
  accumulate: bool,
): void {
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
  const x1 = x + xStride, x2 = x1 + xStride, x3 = x2 + xStride;
  const end = <usize>depth << 2;
  for (let k: usize = 0; k < end; k += 4) {
    const w0 = v128.load(w);
    const w1 = v128.load(w, 16);
    let s = v128.load32_splat(x + k);
    a0 = f32x4.add(a0, f32x4.mul(s, w0));
    a1 = f32x4.add(a1, f32x4.mul(s, w1));
    s = v128.load32_splat(x1 + k);
    b0 = f32x4.add(b0, f32x4.mul(s, w0));
    b1 = f32x4.add(b1, f32x4.mul(s, w1));
    s = v128.load32_splat(x2 + k);
    c0 = f32x4.add(c0, f32x4.mul(s, w0));
    c1 = f32x4.add(c1, f32x4.mul(s, w1));
    s = v128.load32_splat(x3 + k);
    d0 = f32x4.add(d0, f32x4.mul(s, w0));
    d1 = f32x4.add(d1, f32x4.mul(s, w1));
    w += 64;
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

/** One row of x: y[0..16] (+)= Σ_k x[k] * w[k][0..16]. */
export function tile1x16(x: usize, w: usize, depth: i32, y: usize, accumulate: bool): void {
  let a0 = f32x4.splat(0), a1 = f32x4.splat(0), a2 = f32x4.splat(0), a3 = f32x4.splat(0);
  if (accumulate) {
    a0 = v128.load(y);
    a1 = v128.load(y, 16);
    a2 = v128.load(y, 32);
    a3 = v128.load(y, 48);
  }
  const end = <usize>depth << 2;
  for (let k: usize = 0; k < end; k += 4) {
    const s = v128.load32_splat(x + k);
    a0 = f32x4.add(a0, f32x4.mul(s, v128.load(w)));
    a1 = f32x4.add(a1, f32x4.mul(s, v128.load(w, 16)));
    a2 = f32x4.add(a2, f32x4.mul(s, v128.load(w, 32)));
    a3 = f32x4.add(a3, f32x4.mul(s, v128.load(w, 48)));
    w += 64;
  }
  v128.store(y, a0);
  v128.store(y, a1, 16);
  v128.store(y, a2, 32);
  v128.store(y, a3, 48);
}
