// A GEMM micro-kernel that reads int8 panel rows directly and widens them in registers
// (see widen.ts), for exactly two rows of x: there widening each weight once in registers
// beats widening it into a scratch block and reading it back. Same sum order as every
// other path.
import { highColumns, lowColumns } from './widen';

/** y[r][0..16] = Σ_k x[r][k] * w[k][0..16] for r = 0, 1, over all `depth` rows of the panel at `w`. */
export function tile2x16S8(x: usize, xStride: usize, w: usize, depth: i32, y: usize, yStride: usize): void {
  const y1 = y + yStride;
  const x1 = x + xStride;
  let a0 = f32x4.splat(0), a1 = f32x4.splat(0), a2 = f32x4.splat(0), a3 = f32x4.splat(0);
  let b0 = f32x4.splat(0), b1 = f32x4.splat(0), b2 = f32x4.splat(0), b3 = f32x4.splat(0);
  const end = <usize>depth << 2;
  for (let k: usize = 0; k < end; k += 4) {
    let bytes = v128.load8x8_s(w);
    const w0 = lowColumns(bytes);
    const w1 = highColumns(bytes);
    bytes = v128.load8x8_s(w, 8);
    const w2 = lowColumns(bytes);
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
