// Upload-time layout changes: row-major [K][N] -> column panels (see layout.ts). The
// source holds rows firstRow .. firstRow + rowCount - 1 only, so an upload can go through
// a small staging buffer a slice of rows at a time.
import { interleavedPosition } from './layout';

/**
 * Packs `rowCount` rows of row-major int8 [.][columns] at `source` as rows
 * `firstRow ..` of the int8 panels at `target` (panels of `depth` rows), subtracting
 * `zeroPoints[n]` (int8 [columns]) from column n when `zeroPoints` is not 0, bytes
 * interleaved as layout.ts says. The caller checks that value - zeroPoint stays in int8.
 */
export function packS8(
  source: usize,
  firstRow: i32,
  rowCount: i32,
  depth: i32,
  columns: i32,
  zeroPoints: usize,
  target: usize,
): void {
  const panels = (columns + 15) >> 4;
  const panelBytes = <usize>depth << 4;
  const fullPanels = columns >> 4;
  for (let p = 0; p < panels; p++) {
    const panel = target + <usize>p * panelBytes + (<usize>firstRow << 4);
    const first = p << 4;
    if (p < fullPanels) {
      const offsets = zeroPoints !== 0 ? v128.load(zeroPoints + <usize>first) : i8x16.splat(0);
      for (let k = 0; k < rowCount; k++) {
        const row = i8x16.sub(v128.load(source + <usize>k * <usize>columns + <usize>first), offsets);
        v128.store(panel + (<usize>k << 4), v128.shuffle<i8>(row, row, 0, 4, 1, 5, 2, 6, 3, 7, 8, 12, 9, 13, 10, 14, 11, 15));
      }
    } else {
      const width = columns - first;
      for (let k = 0; k < rowCount; k++) {
        const from = source + <usize>k * <usize>columns + <usize>first;
        const to = panel + (<usize>k << 4);
        for (let c = 0; c < 16; c++) {
          let value: i32 = 0;
          if (c < width) {
            value = <i32>load<i8>(from + <usize>c);
            if (zeroPoints !== 0) value -= <i32>load<i8>(zeroPoints + <usize>(first + c));
          }
          store<i8>(to + <usize>interleavedPosition(c), <i8>value);
        }
      }
    }
  }
}

/** Packs `rowCount` rows of row-major f32 at `source` as rows `firstRow ..` of f32 panels. */
export function packF32(source: usize, firstRow: i32, rowCount: i32, depth: i32, columns: i32, target: usize): void {
  const panels = (columns + 15) >> 4;
  const panelBytes = <usize>depth << 6;
  const fullPanels = columns >> 4;
  for (let p = 0; p < panels; p++) {
    const panel = target + <usize>p * panelBytes + (<usize>firstRow << 6);
    const first = p << 4;
    for (let k = 0; k < rowCount; k++) {
      const from = source + ((<usize>k * <usize>columns + <usize>first) << 2);
      const to = panel + (<usize>k << 6);
      if (p < fullPanels) {
        v128.store(to, v128.load(from));
        v128.store(to, v128.load(from, 16), 16);
        v128.store(to, v128.load(from, 32), 32);
        v128.store(to, v128.load(from, 48), 48);
      } else {
        const width = columns - first;
        for (let c = 0; c < 16; c++) {
          store<f32>(to + (<usize>c << 2), c < width ? load<f32>(from + (<usize>c << 2)) : 0);
        }
      }
    }
  }
}
