// One row of x times f32 panels p0 .. p1-1: y[16p .. 16p+15] = Σ_k x[k] * w[k][..],
// two panels (8 accumulators) per pass over x. Same sum order as every other path.

export function gemvF32(x: usize, depth: i32, weights: usize, p0: i32, p1: i32, y: usize): void {
  const panelBytes = <usize>depth << 6;
  const xEnd = x + (<usize>depth << 2);
  let p = p0;
  for (; p + 2 <= p1; p += 2) {
    let a = weights + <usize>p * panelBytes;
    let b = a + panelBytes;
    let c0 = f32x4.splat(0), c1 = f32x4.splat(0), c2 = f32x4.splat(0), c3 = f32x4.splat(0);
    let d0 = f32x4.splat(0), d1 = f32x4.splat(0), d2 = f32x4.splat(0), d3 = f32x4.splat(0);
    for (let xp = x; xp < xEnd; xp += 4) {
      const s = v128.load32_splat(xp);
      c0 = f32x4.add(c0, f32x4.mul(s, v128.load(a)));
      c1 = f32x4.add(c1, f32x4.mul(s, v128.load(a, 16)));
      c2 = f32x4.add(c2, f32x4.mul(s, v128.load(a, 32)));
      c3 = f32x4.add(c3, f32x4.mul(s, v128.load(a, 48)));
      d0 = f32x4.add(d0, f32x4.mul(s, v128.load(b)));
      d1 = f32x4.add(d1, f32x4.mul(s, v128.load(b, 16)));
      d2 = f32x4.add(d2, f32x4.mul(s, v128.load(b, 32)));
      d3 = f32x4.add(d3, f32x4.mul(s, v128.load(b, 48)));
      a += 64;
      b += 64;
    }
    const out = y + (<usize>p << 6);
    v128.store(out, c0);
    v128.store(out, c1, 16);
    v128.store(out, c2, 32);
    v128.store(out, c3, 48);
    v128.store(out, d0, 64);
    v128.store(out, d1, 80);
    v128.store(out, d2, 96);
    v128.store(out, d3, 112);
  }
  if (p < p1) {
    let a = weights + <usize>p * panelBytes;
    let c0 = f32x4.splat(0), c1 = f32x4.splat(0), c2 = f32x4.splat(0), c3 = f32x4.splat(0);
    for (let xp = x; xp < xEnd; xp += 4) {
      const s = v128.load32_splat(xp);
      c0 = f32x4.add(c0, f32x4.mul(s, v128.load(a)));
      c1 = f32x4.add(c1, f32x4.mul(s, v128.load(a, 16)));
      c2 = f32x4.add(c2, f32x4.mul(s, v128.load(a, 32)));
      c3 = f32x4.add(c3, f32x4.mul(s, v128.load(a, 48)));
      a += 64;
    }
    const out = y + (<usize>p << 6);
    v128.store(out, c0);
    v128.store(out, c1, 16);
    v128.store(out, c2, 32);
    v128.store(out, c3, 48);
  }
}
