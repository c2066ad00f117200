// Byte shuffles shared by the W8A8 kernels (dense-w8a8.ts, dense-w8a8-relaxed.ts): two
// rows of an int8 panel (16 bytes each, columns in layout.ts's interleaved order) into
// column-ordered pairs (w[k][c], w[k+1][c]).

/** Columns 0..7 of panel rows r0, r1 as pairs (see layout.ts for the byte order). */
export function lowPairs(r0: v128, r1: v128): v128 {
  return v128.shuffle<u8>(r0, r1, 0, 16, 2, 18, 4, 20, 6, 22, 1, 17, 3, 19, 5, 21, 7, 23);
}

/** Columns 8..15 of panel rows r0, r1 as pairs. */
export function highPairs(r0: v128, r1: v128): v128 {
  return v128.shuffle<u8>(r0, r1, 8, 24, 10, 26, 12, 28, 14, 30, 9, 25, 11, 27, 13, 29, 15, 31);
}

/** Panel row k + 1 (zeros past `depth`, for an odd depth's last pair). */
export function secondRow(panel: usize, k: i32, depth: i32): v128 {
  return k + 1 < depth ? v128.load(panel + (<usize>(k + 1) << 4)) : i8x16.splat(0);
}
