// GEMM over panels p0 .. p1-1 for `rows` rows of x ([rows][depth], contiguous), writing
// raw sums to y ([rows] rows of `yStride` bytes, column 16p at byte 64p). Blocks of
// GEMM_K_BLOCK rows of a panel are processed at a time: the int8 path first widens the
// block to f32 in this thread's scratch (16 KiB, stays in L1) and then reuses every
// widened value across all rows of x. Up to FEW_ROWS rows the int8 path widens in
// registers instead (gemm-s8-few-rows.ts): measured faster there.
import { GEMM_K_BLOCK } from './layout';
import { tile1x16, tile4x8 } from './gemm-tile';
import { FEW_ROWS, gemmS8FewRows } from './gemm-s8-few-rows';
import { highColumns, lowColumns } from './widen';

/** Rows k0 .. k0+count-1 of an int8 panel -> f32 [count][16] at `scratch`, columns in order. */
function widenBlock(panelRows: usize, count: i32, scratch: usize, even: v128): void {
  const end = panelRows + (<usize>count << 4);
  for (let from = panelRows; from < end; from += 16) {
    const low = v128.load8x8_s(from);
    const high = v128.load8x8_s(from, 8);
    v128.store(scratch, lowColumns(low, even));
    v128.store(scratch, highColumns(low), 16);
    v128.store(scratch, lowColumns(high, even), 32);
    v128.store(scratch, highColumns(high), 48);
    scratch += 64;
  }
}

/** All rows of x times one block of f32 panel rows (`w`, rows of 64 bytes). */
function blockTimesRows(
  x: usize,
  rows: i32,
  depth: i32,
  k0: i32,
  count: i32,
  w: usize,
  y: usize,
  yStride: usize,
): void {
  const xStride = <usize>depth << 2;
  const accumulate = k0 > 0;
  let xr = x + (<usize>k0 << 2);
  let yr = y;
  let m = 0;
  for (; m + 4 <= rows; m += 4) {
    tile4x8(xr, xStride, w, count, yr, yStride, accumulate);
    tile4x8(xr, xStride, w + 32, count, yr + 32, yStride, accumulate);
    xr += xStride << 2;
    yr += yStride << 2;
  }
  for (; m < rows; m++) {
    tile1x16(xr, w, count, yr, accumulate);
    xr += xStride;
    yr += yStride;
  }
}

/**
 * `kBlock` (<= GEMM_K_BLOCK): panel rows widened at a time. job.ts passes half of
 * GEMM_K_BLOCK when the call is split across threads: measured about 3% faster there on a
 * 2-vCPU VM (likely because the vCPUs share caches, e.g. SMT siblings of one core, where
 * two 16 KiB blocks leave little L1 for x) and not faster on one thread, hence only then.
 * Sums are the same bits either way (ascending k, f32 partial sums stored in y).
 */
export function gemmS8(
  x: usize,
  rows: i32,
  depth: i32,
  weights: usize,
  p0: i32,
  p1: i32,
  y: usize,
  yStride: usize,
  scratch: usize,
  kBlock: i32,
  even: v128,
): void {
  const panelBytes = <usize>depth << 4;
  if (rows <= FEW_ROWS) {
    gemmS8FewRows(x, rows, depth, weights, p0, p1, y, yStride, scratch, even);
    return;
  }
  for (let p = p0; p < p1; p++) {
    const panel = weights + <usize>p * panelBytes;
    const out = y + (<usize>p << 6);
    for (let k0 = 0; k0 < depth; k0 += kBlock) {
      const count = min(kBlock, depth - k0);
      widenBlock(panel + (<usize>k0 << 4), count, scratch, even);
      blockTimesRows(x, rows, depth, k0, count, scratch, out, yStride);
    }
    if (depth === 0) zeroColumns(rows, out, yStride);
  }
}

export function gemmF32(
  x: usize,
  rows: i32,
  depth: i32,
  weights: usize,
  p0: i32,
  p1: i32,
  y: usize,
  yStride: usize,
): void {
  const panelBytes = <usize>depth << 6;
  for (let p = p0; p < p1; p++) {
    const panel = weights + <usize>p * panelBytes;
    const out = y + (<usize>p << 6);
    for (let k0 = 0; k0 < depth; k0 += GEMM_K_BLOCK) {
      const count = min(GEMM_K_BLOCK, depth - k0);
      blockTimesRows(x, rows, depth, k0, count, panel + (<usize>k0 << 6), out, yStride);
    }
    if (depth === 0) zeroColumns(rows, out, yStride);
  }
}

/** Sums over an empty k range are 0. */
function zeroColumns(rows: i32, y: usize, yStride: usize): void {
  const zero = f32x4.splat(0);
  for (let m = 0; m < rows; m++) {
    v128.store(y, zero);
    v128.store(y, zero, 16);
    v128.store(y, zero, 32);
    v128.store(y, zero, 48);
    y += yStride;
  }
}
