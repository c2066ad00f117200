// Int8 GEMM for a few rows of x (up to FEW_ROWS), weights widened in registers: with so
// few rows, widening into a scratch block and reading it back costs more than widening
// again for each group of rows (measured: GEMM 4x512x512 about 12% faster).
//
// Rows go in groups (groupRows): 3, 4 or 5 rows of x are interleaved into this thread's
// scratch ([k][4] or [k][8] f32, a block of k at a time) and multiplied by every panel
// with one 3x8, 4x8 or 5x8 tile per half panel, each 8 weights widened once per group;
// 2 rows use tile2x16S8 and a lone row the GEMV. Larger groups widen less per multiply
// (5x8 is the largest whose sums fit in registers: 6x8 spills and was measured about
// 20% slower than 3 + 3). Sums in ascending k, as on every other path.
import { SCRATCH_DATA_BYTES } from './layout';
import { tile2x16S8, tile3x8S8Packed, tile4x8S8Packed, tile5x8S8Packed } from './gemm-tile-s8';
import { gemvS8 } from './gemv-s8';

/** Up to this many rows of x the int8 GEMM widens in registers (this file). */
export const FEW_ROWS: i32 = 8;

/**
 * Rows of x in the next group when `left` remain: 4 at a time, except that 5 go as one
 * group (4 + 1 would pay a whole GEMV pass for one row). On the GEMMs measured (up to
 * 1024x1024), 6 = 4 + 2 beat 3 + 3, 7 = 4 + 3 beat 5 + 2, and 8 = 4 + 4 matched 5 + 3.
 */
function groupRows(left: i32): i32 {
  return left === 5 ? 5 : min(4, left);
}

/**
 * x rows 0 .. rows-1 (rows = 3, 4 or 5; stride `xStride`), k = 0..count-1 -> [count][lanes]
 * f32 at `out`, lanes = 4 (or 8 for 5 rows); the other lanes are not written. Unrolled
 * per row count: with few columns this copy is a visible part of the call.
 */
function interleaveRows(x: usize, xStride: usize, rows: i32, count: i32, out: usize): void {
  const x1 = x + xStride, x2 = x1 + xStride, x3 = x2 + xStride, x4 = x3 + xStride;
  const end = <usize>count << 2;
  if (rows === 3) {
    for (let k: usize = 0; k < end; k += 4) {
      store<f32>(out, load<f32>(x + k));
      store<f32>(out, load<f32>(x1 + k), 4);
      store<f32>(out, load<f32>(x2 + k), 8);
      out += 16;
    }
  } else if (rows === 4) {
    for (let k: usize = 0; k < end; k += 4) {
      store<f32>(out, load<f32>(x + k));
      store<f32>(out, load<f32>(x1 + k), 4);
      store<f32>(out, load<f32>(x2 + k), 8);
      store<f32>(out, load<f32>(x3 + k), 12);
      out += 16;
    }
  } else {
    for (let k: usize = 0; k < end; k += 4) {
      store<f32>(out, load<f32>(x + k));
      store<f32>(out, load<f32>(x1 + k), 4);
      store<f32>(out, load<f32>(x2 + k), 8);
      store<f32>(out, load<f32>(x3 + k), 12);
      store<f32>(out, load<f32>(x4 + k), 16);
      out += 32;
    }
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
  if (depth === 0) zeroRows(rows, p0, p1, y, yStride);
  let m = 0;
  while (m < rows) {
    const group = groupRows(rows - m);
    const xr = x + <usize>m * xStride;
    const yr = y + <usize>m * yStride;
    if (group === 1) {
      gemvS8(xr, depth, weights, p0, p1, yr, even);
    } else if (group === 2) {
      for (let p = p0; p < p1; p++) {
        tile2x16S8(xr, xStride, weights + <usize>p * panelBytes, depth, yr + (<usize>p << 6), yStride, even);
      }
    } else {
      const lanes = group > 4 ? 8 : 4;
      const kBlock = SCRATCH_DATA_BYTES / (lanes << 2);
      for (let k0 = 0; k0 < depth; k0 += kBlock) {
        const count = min(kBlock, depth - k0);
        interleaveRows(xr + (<usize>k0 << 2), xStride, group, count, scratch);
        const accumulate = k0 > 0;
        for (let p = p0; p < p1; p++) {
          const w = weights + <usize>p * panelBytes + (<usize>k0 << 4);
          const out = yr + (<usize>p << 6);
          if (group === 4) {
            tile4x8S8Packed(scratch, w, count, out, yStride, accumulate, even);
            tile4x8S8Packed(scratch, w + 8, count, out + 32, yStride, accumulate, even);
          } else if (group === 3) {
            tile3x8S8Packed(scratch, w, count, out, yStride, accumulate, even);
            tile3x8S8Packed(scratch, w + 8, count, out + 32, yStride, accumulate, even);
          } else {
            tile5x8S8Packed(scratch, w, count, out, yStride, accumulate, even);
            tile5x8S8Packed(scratch, w + 8, count, out + 32, yStride, accumulate, even);
          }
        }
      }
    }
    m += group;
  }
}

/** Sums over an empty k range are 0 (the tiles of packed x write nothing then). */
function zeroRows(rows: i32, p0: i32, p1: i32, y: usize, yStride: usize): void {
  for (let m = 0; m < rows; m++) {
    memory.fill(y + <usize>m * yStride + (<usize>p0 << 6), 0, <usize>(p1 - p0) << 6);
  }
}
