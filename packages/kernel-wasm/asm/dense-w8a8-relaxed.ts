// The W8A8 GEMM on relaxed SIMD (i32x4.relaxed_dot_i8x16_i7x16_add_s: 16 int8 products
// summed into 4 i32 lanes, one instruction where the CPU has VNNI or SDOT). Compiled only
// into the relaxed-SIMD builds (scripts/build-wasm.mjs); the plain builds keep the
// dot_i16x8_s kernel of dense-w8a8.ts. Both give the same integers:
//
// The second operand must lie in [0, 127] (i7) for the result to be exact everywhere, and
// xq lies in [-127, 127]. So each xq is split as xq + 127 = a + b with a = (xq + 127) >> 1
// and b = xq + 127 - a, both in [0, 127], and
//   Σ_k w[k][c] · xq[k] = Σ_k w[k][c] · a[k] + Σ_k w[k][c] · b[k] - 127 · Σ_k w[k][c].
// Both dots add into one accumulator, which starts at -127 · (the block's column sums).
// Products are at most 128 · 127, pairs of them fit i16, and i32 sums are exact (or wrap
// the same way in any order), so every path and thread split gives the same i32 sums.
//
// Layouts:
//   split x  groups of 4 rows; per quad of k (4 values), row r of the group: 4 bytes of a,
//            then 4 bytes of b, at group + quad * 32 + r * 8 (the last group padded with 0s)
//   block    per quad of a panel: 64 bytes, for columns 4g .. 4g + 3 (g = 0..3) 16 bytes:
//            w[k..k+3][4g], w[k..k+3][4g+1], ..., then 64 bytes: -127 · column sums
import { highPairs, lowPairs } from './dense-w8a8-pairs';

/** 1 in the relaxed-SIMD builds (the W8A8 GEMM below runs), 0 in the plain ones. */
export const W8A8_RELAXED: i32 = ASC_FEATURE_RELAXED_SIMD ? 1 : 0;

/** Quads of panel rows converted at a time: 192 * 64 bytes = 12 KiB (depth 768 in one block). */
const BLOCK_QUADS: i32 = 192;

/** Offset in a thread's scratch of the partial sums of the last (incomplete) group of rows. */
const TAIL_OFFSET: usize = <usize>(BLOCK_QUADS + 1) << 6;

/** Bytes of split x for `rows` rows of `depth` (what the caller reserves after xq). */
export function splitBytesW8A8(rows: i32, depth: i32): i32 {
  return ((rows + 3) >> 2) * ((depth + 3) >> 2) * 32;
}

/** Columns 4g .. 4g + 3 of two pair vectors (see lowPairs): 4 bytes per column, rows k .. k + 3. */
function quadLow(a: v128, b: v128): v128 {
  return v128.shuffle<u8>(a, b, 0, 1, 16, 17, 2, 3, 18, 19, 4, 5, 20, 21, 6, 7, 22, 23);
}

/** The other 4 columns of two pair vectors. */
function quadHigh(a: v128, b: v128): v128 {
  return v128.shuffle<u8>(a, b, 8, 9, 24, 25, 10, 11, 26, 27, 12, 13, 28, 29, 14, 15, 30, 31);
}

/** Row k of a panel, zeros past `depth`. */
function panelRow(panel: usize, k: i32, depth: i32): v128 {
  return k < depth ? v128.load(panel + (<usize>k << 4)) : i8x16.splat(0);
}

/**
 * Splits the i16 rows of xq (rows of `2 * ceil(depth / 2)` values, as quantizeRowsW8A8
 * writes them) into the split layout above at `out` ({@link splitBytesW8A8} bytes).
 */
export function splitRowsW8A8(xq: usize, rows: i32, depth: i32, out: usize): void {
  const quads = (depth + 3) >> 2;
  const stride = <usize>((depth + 1) >> 1) << 2;
  const groupBytes = <usize>quads << 5;
  memory.fill(out, 0, <usize>splitBytesW8A8(rows, depth));
  const full = depth >> 2;
  const offset = i16x8.splat(127);
  for (let m = 0; m < rows; m++) {
    const x = xq + <usize>m * stride;
    let at = out + <usize>(m >> 2) * groupBytes + (<usize>(m & 3) << 3);
    for (let q = 0; q < full; q++) {
      const u = i16x8.add(v128.load64_zero(x + (<usize>q << 3)), offset);
      const a = i16x8.shr_u(u, 1);
      const packed = i8x16.narrow_i16x8_u(a, i16x8.sub(u, a));
      v128.store64_lane(at, v128.shuffle<u8>(packed, packed, 0, 1, 2, 3, 8, 9, 10, 11, 0, 0, 0, 0, 0, 0, 0, 0), 0);
      at += 32;
    }
    if (full < quads) {
      for (let k = full << 2; k < quads << 2; k++) {
        const u = (k < depth ? <i32>load<i16>(x + (<usize>k << 1)) : 0) + 127;
        const a = u >> 1;
        store<u8>(at + <usize>(k & 3), <u8>a);
        store<u8>(at + <usize>(k & 3) + 4, <u8>(u - a));
      }
    }
  }
}

/** Quads q0 .. q0+count-1 of a panel -> the block layout at `scratch`, then -127 · their column sums. */
function quadBlock(panel: usize, depth: i32, q0: i32, count: i32, scratch: usize): void {
  const ones = i8x16.splat(1);
  let s0 = i32x4.splat(0), s1 = i32x4.splat(0), s2 = i32x4.splat(0), s3 = i32x4.splat(0);
  for (let q = 0; q < count; q++) {
    const k = (q0 + q) << 2;
    const r0 = panelRow(panel, k, depth), r1 = panelRow(panel, k + 1, depth);
    const r2 = panelRow(panel, k + 2, depth), r3 = panelRow(panel, k + 3, depth);
    const a = lowPairs(r0, r1), b = lowPairs(r2, r3), c = highPairs(r0, r1), d = highPairs(r2, r3);
    const v0 = quadLow(a, b), v1 = quadHigh(a, b), v2 = quadLow(c, d), v3 = quadHigh(c, d);
    v128.store(scratch, v0);
    v128.store(scratch, v1, 16);
    v128.store(scratch, v2, 32);
    v128.store(scratch, v3, 48);
    if (ASC_FEATURE_RELAXED_SIMD) {
      s0 = i32x4.relaxed_dot_i8x16_i7x16_add_s(v0, ones, s0);
      s1 = i32x4.relaxed_dot_i8x16_i7x16_add_s(v1, ones, s1);
      s2 = i32x4.relaxed_dot_i8x16_i7x16_add_s(v2, ones, s2);
      s3 = i32x4.relaxed_dot_i8x16_i7x16_add_s(v3, ones, s3);
    }
    scratch += 64;
  }
  const factor = i32x4.splat(-127);
  v128.store(scratch, i32x4.mul(s0, factor));
  v128.store(scratch, i32x4.mul(s1, factor), 16);
  v128.store(scratch, i32x4.mul(s2, factor), 32);
  v128.store(scratch, i32x4.mul(s3, factor), 48);
}

/** y[r][8 columns] (+)= the block's sums for the 4 rows of a group (`w` at the half's first 32 bytes, `start` its corrections). */
function tile4x8(x: usize, w: usize, count: i32, y: usize, yStride: usize, accumulate: bool, start: usize): void {
  const y1 = y + yStride, y2 = y1 + yStride, y3 = y2 + yStride;
  const c0 = v128.load(start), c1 = v128.load(start, 16);
  let a0 = c0, a1 = c1, b0 = c0, b1 = c1, d0 = c0, d1 = c1, e0 = c0, e1 = c1;
  if (accumulate) {
    a0 = i32x4.add(a0, v128.load(y));
    a1 = i32x4.add(a1, v128.load(y, 16));
    b0 = i32x4.add(b0, v128.load(y1));
    b1 = i32x4.add(b1, v128.load(y1, 16));
    d0 = i32x4.add(d0, v128.load(y2));
    d1 = i32x4.add(d1, v128.load(y2, 16));
    e0 = i32x4.add(e0, v128.load(y3));
    e1 = i32x4.add(e1, v128.load(y3, 16));
  }
  if (ASC_FEATURE_RELAXED_SIMD) {
    const end = x + (<usize>count << 5);
    while (x < end) {
      const w0 = v128.load(w);
      const w1 = v128.load(w, 16);
      let s = v128.load32_splat(x);
      a0 = i32x4.relaxed_dot_i8x16_i7x16_add_s(w0, s, a0);
      a1 = i32x4.relaxed_dot_i8x16_i7x16_add_s(w1, s, a1);
      s = v128.load32_splat(x, 4);
      a0 = i32x4.relaxed_dot_i8x16_i7x16_add_s(w0, s, a0);
      a1 = i32x4.relaxed_dot_i8x16_i7x16_add_s(w1, s, a1);
      s = v128.load32_splat(x, 8);
      b0 = i32x4.relaxed_dot_i8x16_i7x16_add_s(w0, s, b0);
      b1 = i32x4.relaxed_dot_i8x16_i7x16_add_s(w1, s, b1);
      s = v128.load32_splat(x, 12);
      b0 = i32x4.relaxed_dot_i8x16_i7x16_add_s(w0, s, b0);
      b1 = i32x4.relaxed_dot_i8x16_i7x16_add_s(w1, s, b1);
      s = v128.load32_splat(x, 16);
      d0 = i32x4.relaxed_dot_i8x16_i7x16_add_s(w0, s, d0);
      d1 = i32x4.relaxed_dot_i8x16_i7x16_add_s(w1, s, d1);
      s = v128.load32_splat(x, 20);
      d0 = i32x4.relaxed_dot_i8x16_i7x16_add_s(w0, s, d0);
      d1 = i32x4.relaxed_dot_i8x16_i7x16_add_s(w1, s, d1);
      s = v128.load32_splat(x, 24);
      e0 = i32x4.relaxed_dot_i8x16_i7x16_add_s(w0, s, e0);
      e1 = i32x4.relaxed_dot_i8x16_i7x16_add_s(w1, s, e1);
      s = v128.load32_splat(x, 28);
      e0 = i32x4.relaxed_dot_i8x16_i7x16_add_s(w0, s, e0);
      e1 = i32x4.relaxed_dot_i8x16_i7x16_add_s(w1, s, e1);
      w += 64;
      x += 32;
    }
  }
  v128.store(y, a0);
  v128.store(y, a1, 16);
  v128.store(y1, b0);
  v128.store(y1, b1, 16);
  v128.store(y2, d0);
  v128.store(y2, d1, 16);
  v128.store(y3, e0);
  v128.store(y3, e1, 16);
}

/**
 * The i32 sums of panels p0 .. p1-1 for every row (rows >= 1), from the split x at `xs`,
 * into y (as dense-w8a8.ts's GEMM leaves them for finalizeW8A8). `scratch` is the thread's.
 */
export function relaxedW8A8Sums(xs: usize, rows: i32, depth: i32, weights: usize, p0: i32, p1: i32, y: usize, yStride: usize, scratch: usize): void {
  const quads = (depth + 3) >> 2;
  const groupBytes = <usize>quads << 5;
  const panelBytes = <usize>depth << 4;
  const fullRows = rows & ~3;
  const tail = scratch + TAIL_OFFSET;
  for (let p = p0; p < p1; p++) {
    const panel = weights + <usize>p * panelBytes;
    const out = y + (<usize>p << 6);
    for (let q0 = 0; q0 < quads || q0 === 0; q0 += BLOCK_QUADS) {
      const count = min(BLOCK_QUADS, quads - q0);
      quadBlock(panel, depth, q0, count, scratch);
      const start = scratch + (<usize>count << 6);
      const accumulate = q0 > 0;
      let xr = xs + (<usize>q0 << 5);
      let yr = out;
      for (let m = 0; m < fullRows; m += 4) {
        tile4x8(xr, scratch, count, yr, yStride, accumulate, start);
        tile4x8(xr, scratch + 32, count, yr + 32, yStride, accumulate, start + 32);
        xr += groupBytes;
        yr += yStride << 2;
      }
      if (fullRows < rows) {
        tile4x8(xr, scratch, count, tail, 64, accumulate, start);
        tile4x8(xr, scratch + 32, count, tail + 32, 64, accumulate, start + 32);
      }
    }
    for (let m = fullRows; m < rows; m++) memory.copy(out + <usize>m * yStride, tail + (<usize>(m - fullRows) << 6), 64);
  }
}
