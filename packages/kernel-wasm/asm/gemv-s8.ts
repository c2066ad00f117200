// One row of x times int8 panels p0 .. p1-1: y[16p .. 16p+15] = Σ_k x[k] * w[k][..].
// Two panels (32 columns, 8 accumulators) per pass over x; each 8 weights are loaded
// sign-extended to i16 (v128.load8x8_s) and widened to two f32x4 (see widen.ts).
import { highColumns, lowColumns } from './widen';

export function gemvS8(x: usize, depth: i32, weights: usize, p0: i32, p1: i32, y: usize, even: v128): void {
  const panelBytes = <usize>depth << 4;
  const xEnd = x + (<usize>depth << 2);
  let p = p0;
  for (; p + 2 <= p1; p += 2) {
    let a = weights + <usize>p * panelBytes;
    let b = a + panelBytes;
    let c0 = f32x4.splat(0), c1 = f32x4.splat(0), c2 = f32x4.splat(0), c3 = f32x4.splat(0);
    let d0 = f32x4.splat(0), d1 = f32x4.splat(0), d2 = f32x4.splat(0), d3 = f32x4.splat(0);
    for (let xp = x; xp < xEnd; xp += 4) {
      const s = v128.load32_splat(xp);
      let h = v128.load8x8_s(a);
      c0 = f32x4.add(c0, f32x4.mul(s, lowColumns(h, even)));
      c1 = f32x4.add(c1, f32x4.mul(s, highColumns(h)));
      h = v128.load8x8_s(a, 8);
      c2 = f32x4.add(c2, f32x4.mul(s, lowColumns(h, even)));
      c3 = f32x4.add(c3, f32x4.mul(s, highColumns(h)));
      h = v128.load8x8_s(b);
      d0 = f32x4.add(d0, f32x4.mul(s, lowColumns(h, even)));
      d1 = f32x4.add(d1, f32x4.mul(s, highColumns(h)));
      h = v128.load8x8_s(b, 8);
      d2 = f32x4.add(d2, f32x4.mul(s, lowColumns(h, even)));
      d3 = f32x4.add(d3, f32x4.mul(s, highColumns(h)));
      a += 16;
      b += 16;
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
      let h = v128.load8x8_s(a);
      c0 = f32x4.add(c0, f32x4.mul(s, lowColumns(h, even)));
      c1 = f32x4.add(c1, f32x4.mul(s, highColumns(h)));
      h = v128.load8x8_s(a, 8);
      c2 = f32x4.add(c2, f32x4.mul(s, lowColumns(h, even)));
      c3 = f32x4.add(c3, f32x4.mul(s, highColumns(h)));
      a += 16;
    }
    const out = y + (<usize>p << 6);
    v128.store(out, c0);
    v128.store(out, c1, 16);
    v128.store(out, c2, 32);
    v128.store(out, c3, 48);
  }
}
