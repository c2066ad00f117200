// The W8A8 GEMM of the plain builds (i32x4.dot_i16x8_s), for calls of W8A8_GEMM_MIN_ROWS
// rows or more. Each block of a panel's rows is widened once into the thread's scratch as
// i16 pairs (pairBlock: the pairs (w[2j][c], w[2j+1][c]) of the 16 columns, 64 bytes per
// pair of rows), then reused by every group of 5 rows of x: a
// 5 x 8 register tile (10 accumulators, 2 weight vectors, 1 splat: 13 of x86-64's 16 SIMD
// registers) does 10 dots per 2 weight loads and 5 splat loads (the 4 x 8 tile before it
// did 8 per 6 and ran 6% slower on Zen 4).
//
// x is packed for it (packRowsW8A8) in groups of 5 rows: pair j of row r of group g at
// g * pairs * 20 + j * 20 + r * 4 bytes, so one pointer walks all 5 rows; a last group of
// 3 or 4 rows is padded with zero rows, its sums kept in the scratch and only the real rows
// copied out; one of 1 or 2 rows runs a row at a time.
import { secondRow } from './dense-w8a8-pairs';

/** Rows of x per GEMM tile. */
const GROUP_ROWS: i32 = 5;

/** Pairs of panel rows converted into the scratch at a time (64 bytes each: 8 KiB). */
const BLOCK_PAIRS: i32 = 128;

/** A last group of at most this many rows runs one row at a time (tile1x16) rather than as 5 padded rows. */
const SMALL_TAIL_ROWS: i32 = 2;

/** Offset in a thread's scratch of the sums of the last, padded group of rows (5 rows of 64 bytes). */
const TAIL_OFFSET: usize = <usize>BLOCK_PAIRS << 6;

/** Bytes of x packed for the GEMM: groups of 5 rows, 20 bytes per pair of `depth`. */
export function packedBytesW8A8(rows: i32, depth: i32): i32 {
  return ((rows + GROUP_ROWS - 1) / GROUP_ROWS) * ((depth + 1) >> 1) * 4 * GROUP_ROWS;
}

/** Packs the i16 rows of xq (rows of `2 * ceil(depth / 2)` values) in groups of 5 rows at `out` ({@link packedBytesW8A8} bytes). */
export function packRowsW8A8(xq: usize, rows: i32, depth: i32, out: usize): void {
  const pairs = (depth + 1) >> 1;
  const stride = <usize>pairs << 2;
  const pairBytes = <usize>GROUP_ROWS << 2;
  memory.fill(out, 0, <usize>packedBytesW8A8(rows, depth));
  for (let m = 0; m < rows; m++) {
    const x = xq + <usize>m * stride;
    let at = out + <usize>(m / GROUP_ROWS) * <usize>pairs * pairBytes + (<usize>(m % GROUP_ROWS) << 2);
    for (let j = 0; j < pairs; j++) {
      store<i32>(at, load<i32>(x + (<usize>j << 2)));
      at += pairBytes;
    }
  }
}

/**
 * Pairs j0 .. j0+count-1 of a panel -> i16 pairs [count][4 x 16 bytes] at `scratch`. The
 * bytes are only unpacked (one instruction each), so the columns keep the panel's
 * interleaved order (layout.ts): 16 bytes of pairs for columns 0 4 1 5, then 2 6 3 7,
 * 8 12 9 13, 10 14 11 15; tile5x8 puts its sums back in order at the end.
 */
function pairBlock(panel: usize, depth: i32, j0: i32, count: i32, scratch: usize): void {
  for (let j = 0; j < count; j++) {
    const k = (j0 + j) << 1;
    const r0 = v128.load(panel + (<usize>k << 4));
    const r1 = secondRow(panel, k, depth);
    const low = v128.shuffle<u8>(r0, r1, 0, 16, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21, 6, 22, 7, 23);
    const high = v128.shuffle<u8>(r0, r1, 8, 24, 9, 25, 10, 26, 11, 27, 12, 28, 13, 29, 14, 30, 15, 31);
    v128.store(scratch, i16x8.extend_low_i8x16_s(low));
    v128.store(scratch, i16x8.extend_high_i8x16_s(low), 16);
    v128.store(scratch, i16x8.extend_low_i8x16_s(high), 32);
    v128.store(scratch, i16x8.extend_high_i8x16_s(high), 48);
    scratch += 64;
  }
}

/** Sums of columns (c0, c4, c1, c5) and (c2, c6, c3, c7) -> columns c0..c3 stored at `y`, c4..c7 at `y + 16`. */
function storeInOrder(y: usize, first: v128, second: v128): void {
  v128.store(y, v128.shuffle<i32>(first, second, 0, 2, 4, 6));
  v128.store(y, v128.shuffle<i32>(first, second, 1, 3, 5, 7), 16);
}

/**
 * y[r][8 columns] (+)= Σ_j x[r][pair j] · w[pair j] for the 5 rows of a packed group (`w`
 * at the half's first 32 bytes of a block). Sums stay in the block's column order between
 * blocks; the `last` block of a panel stores them in column order.
 */
function tile5x8(x: usize, w: usize, count: i32, y: usize, yStride: usize, accumulate: bool, last: bool): void {
  const y1 = y + yStride, y2 = y1 + yStride, y3 = y2 + yStride, y4 = y3 + yStride;
  let a0 = i32x4.splat(0), a1 = i32x4.splat(0), b0 = i32x4.splat(0), b1 = i32x4.splat(0);
  let c0 = i32x4.splat(0), c1 = i32x4.splat(0), d0 = i32x4.splat(0), d1 = i32x4.splat(0);
  let e0 = i32x4.splat(0), e1 = i32x4.splat(0);
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
  const end = x + <usize>count * 20;
  while (x < end) {
    const w0 = v128.load(w);
    const w1 = v128.load(w, 16);
    let s = v128.load32_splat(x);
    a0 = i32x4.add(a0, i32x4.dot_i16x8_s(s, w0));
    a1 = i32x4.add(a1, i32x4.dot_i16x8_s(s, w1));
    s = v128.load32_splat(x, 4);
    b0 = i32x4.add(b0, i32x4.dot_i16x8_s(s, w0));
    b1 = i32x4.add(b1, i32x4.dot_i16x8_s(s, w1));
    s = v128.load32_splat(x, 8);
    c0 = i32x4.add(c0, i32x4.dot_i16x8_s(s, w0));
    c1 = i32x4.add(c1, i32x4.dot_i16x8_s(s, w1));
    s = v128.load32_splat(x, 12);
    d0 = i32x4.add(d0, i32x4.dot_i16x8_s(s, w0));
    d1 = i32x4.add(d1, i32x4.dot_i16x8_s(s, w1));
    s = v128.load32_splat(x, 16);
    e0 = i32x4.add(e0, i32x4.dot_i16x8_s(s, w0));
    e1 = i32x4.add(e1, i32x4.dot_i16x8_s(s, w1));
    w += 64;
    x += 20;
  }
  if (last) {
    storeInOrder(y, a0, a1);
    storeInOrder(y1, b0, b1);
    storeInOrder(y2, c0, c1);
    storeInOrder(y3, d0, d1);
    storeInOrder(y4, e0, e1);
    return;
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

/** y[0..16] (+)= Σ_j x[pair j] · w[pair j] for one row of a packed group (`x` at its first pair, 20 bytes apart), `w` a block. */
function tile1x16(x: usize, w: usize, count: i32, y: usize, accumulate: bool, last: bool): void {
  let a0 = i32x4.splat(0), a1 = i32x4.splat(0), a2 = i32x4.splat(0), a3 = i32x4.splat(0);
  if (accumulate) {
    a0 = v128.load(y);
    a1 = v128.load(y, 16);
    a2 = v128.load(y, 32);
    a3 = v128.load(y, 48);
  }
  const end = x + <usize>count * 20;
  while (x < end) {
    const s = v128.load32_splat(x);
    a0 = i32x4.add(a0, i32x4.dot_i16x8_s(s, v128.load(w)));
    a1 = i32x4.add(a1, i32x4.dot_i16x8_s(s, v128.load(w, 16)));
    a2 = i32x4.add(a2, i32x4.dot_i16x8_s(s, v128.load(w, 32)));
    a3 = i32x4.add(a3, i32x4.dot_i16x8_s(s, v128.load(w, 48)));
    w += 64;
    x += 20;
  }
  if (last) {
    storeInOrder(y, a0, a1);
    storeInOrder(y + 32, a2, a3);
    return;
  }
  v128.store(y, a0);
  v128.store(y, a1, 16);
  v128.store(y, a2, 32);
  v128.store(y, a3, 48);
}

/**
 * The i32 sums of panels p0 .. p1-1 for every row, from x packed at `xp`, into y (left
 * for finalizeW8A8). `scratch` is the thread's.
 */
export function gemmW8A8Sums(xp: usize, rows: i32, depth: i32, weights: usize, p0: i32, p1: i32, y: usize, yStride: usize, scratch: usize): void {
  const pairs = (depth + 1) >> 1;
  const groupBytes = <usize>pairs * 20;
  const panelBytes = <usize>depth << 4;
  const fullRows = rows - (rows % GROUP_ROWS);
  const tail = scratch + TAIL_OFFSET;
  for (let p = p0; p < p1; p++) {
    const panel = weights + <usize>p * panelBytes;
    const out = y + (<usize>p << 6);
    for (let j0 = 0; j0 < pairs || j0 === 0; j0 += BLOCK_PAIRS) {
      const count = min(BLOCK_PAIRS, pairs - j0);
      pairBlock(panel, depth, j0, count, scratch);
      const accumulate = j0 > 0;
      const last = j0 + BLOCK_PAIRS >= pairs;
      let xr = xp + <usize>j0 * 20;
      let yr = out;
      for (let m = 0; m < fullRows; m += GROUP_ROWS) {
        tile5x8(xr, scratch, count, yr, yStride, accumulate, last);
        tile5x8(xr, scratch + 32, count, yr + 32, yStride, accumulate, last);
        xr += groupBytes;
        yr += yStride * <usize>GROUP_ROWS;
      }
      if (rows - fullRows > SMALL_TAIL_ROWS) {
        tile5x8(xr, scratch, count, tail, 64, accumulate, last);
        tile5x8(xr, scratch + 32, count, tail + 32, 64, accumulate, last);
      } else {
        for (let m = fullRows; m < rows; m++) tile1x16(xr + (<usize>(m - fullRows) << 2), scratch, count, yr + <usize>(m - fullRows) * yStride, accumulate, last);
      }
    }
    if (rows - fullRows > SMALL_TAIL_ROWS) {
      for (let m = fullRows; m < rows; m++) memory.copy(out + <usize>m * yStride, tail + (<usize>(m - fullRows) << 6), 64);
    }
  }
}
