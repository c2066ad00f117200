// Int8 GEMM for a few rows of x (up to FEW_ROWS): each group of 4 rows is interleaved
// into this thread's scratch ([k][4] f32, PACKED_K_BLOCK values of k at a time) and
// multiplied by every panel with weights widened in registers (tile4x8S8Packed), each 8
// weights widened once per group; 2 or 3 leftover rows use tile2x16S8 and a GEMV. With
// so few rows, widening into a scratch block and reading it back costs more than
// widening again per group (measured: GEMM 4x512x512 about 12% faster). Sums in
// ascending k, as on every other path.
import { SCRATCH_DATA_BYTES } from './layout';
import { tile2x16S8, tile4x8S8Packed } from './gemm-tile-s8';
import { gemvS8 } from './gemv-s8';

/** Up to this many rows of x the int8 GEMM widens in registers (this file). */
export const FEW_ROWS: i32 = 8;

/** Rows of k whose 4 interleaved rows of x fill the scratch (16 bytes each). */
const PACKED_K_BLOCK: i32 = SCRATCH_DATA_BYTES >> 4;

/** x rows r..r+3, k = 0..count-1 -> [count][4] f32 at `out`. */
function packRows4(x: usize, xStride: usize, count: i32, out: usize): void {
  const x1 = x + xStride, x2 = x1 + xStride, x3 = x2 + xStride;
  const end = <usize>count << 2;
  for (let k: usize = 0; k < end; k += 4) {
    store<f32>(out, load<f32>(x + k));
    store<f32>(out, load<f32>(x1 + k), 4);
    store<f32>(out, load<f32>(x2 + k), 8);
    store<f32>(out, load<f32>(x3 + k), 12);
    out += 16;
  }
}

/** Raw sums of `rows` (<= FEW_ROWS) rows of x times int8 panels p0 .. p1-1 (see gemm.ts for the arguments). */
export function gemmS8FewRows(
  x: usize,
  rows: i32,
  depth: i32,
  weights: usize,
  p0: i32,
  p1: i32,
  y: usize,
  yStride: usize,
  scratch: usize,
  even: v128,
): void {
  const panelBytes = <usize>depth << 4;
  const xStride = <usize>depth << 2;
  let xr = x;
  let yr = y;
  let m = 0;
  for (; m + 4 <= rows; m += 4) {
    for (let k0 = 0; k0 < depth; k0 += PACKED_K_BLOCK) {
      const count = min(PACKED_K_BLOCK, depth - k0);
      packRows4(xr + (<usize>k0 << 2), xStride, count, scratch);
      for (let p = p0; p < p1; p++) {
        const w = weights + <usize>p * panelBytes + (<usize>k0 << 4);
        const out = yr + (<usize>p << 6);
        tile4x8S8Packed(scratch, w, count, out, yStride, k0 > 0, even);
        tile4x8S8Packed(scratch, w + 8, count, out + 32, yStride, k0 > 0, even);
      }
    }
    xr += xStride << 2;
    yr += yStride << 2;
  }
  for (let p = p0; p < p1; p++) {
    const panel = weights + <usize>p * panelBytes;
    let xm = xr;
    let ym = yr + (<usize>p << 6);
    let r = m;
    for (; r + 2 <= rows; r += 2) {
      tile2x16S8(xm, xStride, panel, depth, ym, yStride, even);
      xm += xStride << 1;
      ym += yStride << 1;
    }
    if (r < rows) gemvS8(xm, depth, weights, p, p + 1, ym - (<usize>p << 6), even);
  }
  if (depth === 0) zeroGroups(m, p0, p1, y, yStride);
}

/** Sums over an empty k range are 0: the first `rows` rows (the 4-row groups). */
function zeroGroups(rows: i32, p0: i32, p1: i32, y: usize, yStride: usize): void {
  for (let m = 0; m < rows; m++) {
    memory.fill(y + <usize>m * yStride + (<usize>p0 << 6), 0, <usize>(p1 - p0) << 6);
  }
}
