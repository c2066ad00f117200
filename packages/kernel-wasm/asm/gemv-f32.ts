// One row of x times f32 panels p0 .. p1-1: y[16p .. 16p+15] = Σ_k x[k] * w[k][..].
// Panels go in pairs, and within a pair the two panels take turns a block of
// GEMV_F32_K_BLOCK rows at a time, each with tile1x16 (4 accumulators, partial sums kept
// in y between blocks). Same sum order as every other path.
//
// Why not both panels in one loop (8 accumulators, x splatted once for both), as the int8
// GEMV does: TurboFan issues the 8 weight loads of a step before any multiply, and with
// 8 accumulators, the splat and 8 loaded vectors it runs out of the 15 xmm registers it
// allocates, so it keeps one accumulator on the stack: a load, add and store on the
// critical path of every step. Why pairs in short turns rather than one panel after the
// other: with weights in memory rather than cache, reading two panels at once keeps more
// reads in flight. Measured against the one-loop version on 1 thread: 1x1024x1024 0.70 to
// 0.76x (weights in cache), 1x4096x4096 0.96 to 0.99x (weights in memory); one panel after
// the other was 0.73x and 1.12x, turns of 32, 128 or 512 rows were slower in memory.
import { tile1x16 } from './gemm-tile';

/** Rows of a panel pair's turn: 64 rows of 64 bytes, 4 KiB of each panel. */
const GEMV_F32_K_BLOCK: i32 = 64;

export function gemvF32(x: usize, depth: i32, weights: usize, p0: i32, p1: i32, y: usize): void {
  const panelBytes = <usize>depth << 6;
  let p = p0;
  for (; p + 2 <= p1; p += 2) {
    const first = weights + <usize>p * panelBytes;
    const second = first + panelBytes;
    const out = y + (<usize>p << 6);
    if (depth === 0) {
      tile1x16(x, first, 0, out, false);
      tile1x16(x, second, 0, out + 64, false);
    }
    for (let k0 = 0; k0 < depth; k0 += GEMV_F32_K_BLOCK) {
      const count = min(GEMV_F32_K_BLOCK, depth - k0);
      const xBlock = x + (<usize>k0 << 2);
      const rowOffset = <usize>k0 << 6;
      tile1x16(xBlock, first + rowOffset, count, out, k0 > 0);
      tile1x16(xBlock, second + rowOffset, count, out + 64, k0 > 0);
    }
  }
  if (p < p1) tile1x16(x, weights + <usize>p * panelBytes, depth, y + (<usize>p << 6), false);
}
