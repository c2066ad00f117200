// Panel layout shared by every kernel in this folder.
//
// A kernel [K][N] (row-major, K = in, N = units) is uploaded once as ceil(N / 16) column
// panels. Panel p holds columns 16p .. 16p + 15 for every k, row after row:
//   int8:  panel p starts at p * K * 16 bytes, row k of it at + k * 16 (16 bytes)
//   f32:   panel p starts at p * K * 64 bytes, row k of it at + k * 64 (16 floats)
// Columns past N are zero. Within an int8 panel row the 16 bytes are interleaved so that
// one sign-extending load of 8 bytes (v128.load8x8_s) yields two groups of 4 columns with
// one instruction each (see widen.ts): byte 2i + g of each 8-byte half holds column
// 4g + i of that half, i.e. byte order 0 4 1 5 2 6 3 7 | 8 12 9 13 10 14 11 15.
// f32 panels keep the natural column order. A GEMV then streams each panel front to back with its 16
// column sums held in registers, and a GEMM reuses each widened row of a panel across
// several rows of x.
//
// Every path (GEMV, GEMM tiles, any split of the panels across threads) computes each
// column as acc = 0; for k = 0 .. K-1: acc = acc + x[k] * w[k] (one f32 multiply, one f32
// add, ascending k), so results are bit-identical whichever path or thread ran them.

/** Columns per panel. */
export const PANEL_WIDTH: i32 = 16;

/** Rows of a panel widened at once into a thread's f32 scratch by the int8 GEMM. */
export const GEMM_K_BLOCK: i32 = 256;

/** Bytes of a thread's scratch that hold data: GEMM_K_BLOCK rows of 16 floats. */
export const SCRATCH_DATA_BYTES: i32 = GEMM_K_BLOCK * 16 * 4;

/** Bytes of scratch one thread needs: the data, then 64 bytes for constants (widen.ts). */
export const SCRATCH_BYTES_PER_THREAD: i32 = SCRATCH_DATA_BYTES + 64;

/** From this many rows of x on, the GEMM path replaces one GEMV per row. */
export const GEMM_MIN_ROWS: i32 = 2;

/** Byte position, within an int8 panel row, of column `column` (0..15). */
export function interleavedPosition(column: i32): i32 {
  return (column & 8) + ((column & 3) << 1) + ((column >> 2) & 1);
}
