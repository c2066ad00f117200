// The s4 (4-bit, group-wise) dense kernel: weights stay 4-bit in the module's memory and
// are unpacked in registers. Layout at upload (packS4), per 16-column panel p and pair of
// input rows j (k = 2j, 2j + 1), 16 bytes = 8 i16 lanes; lane i = 2m + t (m = 0..3,
// t = 0..1) holds w[2j + t][16p + 4q + m] in its nibble q (bits 4q .. 4q + 3). So
//   i16x8.shr_s(i16x8.shl(v, 12 - 4q), 12)
// is, for q = 0..3, the 4 columns 4q .. 4q + 3 as i16 pairs (w[2j][c], w[2j + 1][c]), and
// one i32x4.dot_i16x8_s with the splatted pair (x[2j], x[2j + 1]) sums both rows at once.
// x is quantized per row by the caller to an integer xq of 32 bits (|xq| ≤ 2^31 - 2^16,
// x ≈ xScale · xq within xScale / 2 = max|x| · 2^-32), split into two i16 halves
// xq = 65536 · hi + lo; both halves are dotted with the weights, so each group's sums are
// exact in i32, and are scaled once at the group's end:
//   y[c] = xScale · Σ_g (f32(Σ hi·w) · 65536 + f32(Σ lo·w)) · scale[g][c]
// in ascending g (f32), the same sequence on every path and thread.

/** Pairs of rows summed in i32 at most before a conversion: 2048 pairs · 2 · 8 · 32768 = 2^31 - never reached (|hi| ≤ 32767). */
export const S4_MAX_PAIRS_PER_SUM: i32 = 2048;

/**
 * Packs `pairCount` byte rows of s4 weights (row-major `[., columns]`, the low nibble of
 * byte [j][n] = w[2j][n], the high nibble w[2j + 1][n]) at `source` as pair rows
 * `firstPair ..` of the s4 panels (of `pairs` pair rows) at `target`, columns past
 * `columns` zero.
 */
export function packS4(source: usize, firstPair: i32, pairCount: i32, pairs: i32, columns: i32, target: usize): void {
  const panels = (columns + 15) >> 4;
  const panelBytes = <usize>pairs << 4;
  for (let p = 0; p < panels; p++) {
    const first = p << 4;
    const width = min(16, columns - first);
    for (let jj = 0; jj < pairCount; jj++) {
      const from = source + <usize>jj * <usize>columns + <usize>first;
      const to = target + <usize>p * panelBytes + (<usize>(firstPair + jj) << 4);
      for (let i = 0; i < 8; i++) {
        const m = i >> 1;
        const shift = <u32>((i & 1) << 2);
        const low = nibble(from, m, width, shift) | (nibble(from, m + 4, width, shift) << 4);
        const high = nibble(from, m + 8, width, shift) | (nibble(from, m + 12, width, shift) << 4);
        store<u8>(to + <usize>(i << 1), <u8>low);
        store<u8>(to + <usize>(i << 1) + 1, <u8>high);
      }
    }
  }
}

// @ts-ignore: decorator
@inline
function nibble(row: usize, column: i32, width: i32, shift: u32): u32 {
  return column < width ? (<u32>load<u8>(row + <usize>column) >> shift) & 15 : 0;
}

/**
 * One row of quantized x (`pairs` pairs at `xq`, 8 bytes each: the i16 pair (hi[2j],
 * hi[2j + 1]) then (lo[2j], lo[2j + 1]), x[k] ≈ xScale · (65536 · hi[k] + lo[k])) times
 * one s4 panel (`panel`, its group scales `[groups][16]` f32 at `scales`): writes the 16
 * column sums times `xScale` at `out`. Groups hold `groupPairs` pairs (the last one fewer).
 */
export function gemvS4Panel(xq: usize, pairs: i32, groupPairs: i32, panel: usize, scales: usize, xScale: f32, out: usize): void {
  // The 16 running f32 sums live at `out` between groups: in registers they would push
  // the inner loop's 8 integer sums and temporaries past the 16 SIMD registers of x86-64.
  const zero = f32x4.splat(0);
  v128.store(out, zero);
  v128.store(out, zero, 16);
  v128.store(out, zero, 32);
  v128.store(out, zero, 48);
  let w = panel;
  let s = scales;
  for (let g = 0; g < pairs; g += groupPairs) {
    const groupEnd = min(pairs, g + groupPairs);
    for (let j = g; j < groupEnd; j += S4_MAX_PAIRS_PER_SUM) {
      const xEnd = xq + (<usize>min(groupEnd, j + S4_MAX_PAIRS_PER_SUM) << 3);
      let a0 = i32x4.splat(0), a1 = i32x4.splat(0), a2 = i32x4.splat(0), a3 = i32x4.splat(0);
      let b0 = i32x4.splat(0), b1 = i32x4.splat(0), b2 = i32x4.splat(0), b3 = i32x4.splat(0);
      for (let xp = xq + (<usize>j << 3); xp < xEnd; xp += 8) {
        const v = v128.load(w);
        const hi = v128.load32_splat(xp);
        const lo = v128.load32_splat(xp, 4);
        let q = i16x8.shr_s(i16x8.shl(v, 12), 12);
        a0 = i32x4.add(a0, i32x4.dot_i16x8_s(q, hi));
        b0 = i32x4.add(b0, i32x4.dot_i16x8_s(q, lo));
        q = i16x8.shr_s(i16x8.shl(v, 8), 12);
        a1 = i32x4.add(a1, i32x4.dot_i16x8_s(q, hi));
        b1 = i32x4.add(b1, i32x4.dot_i16x8_s(q, lo));
        q = i16x8.shr_s(i16x8.shl(v, 4), 12);
        a2 = i32x4.add(a2, i32x4.dot_i16x8_s(q, hi));
        b2 = i32x4.add(b2, i32x4.dot_i16x8_s(q, lo));
        q = i16x8.shr_s(v, 12);
        a3 = i32x4.add(a3, i32x4.dot_i16x8_s(q, hi));
        b3 = i32x4.add(b3, i32x4.dot_i16x8_s(q, lo));
        w += 16;
      }
      v128.store(out, f32x4.add(v128.load(out), f32x4.mul(groupSum(a0, b0), v128.load(s))));
      v128.store(out, f32x4.add(v128.load(out, 16), f32x4.mul(groupSum(a1, b1), v128.load(s, 16))), 16);
      v128.store(out, f32x4.add(v128.load(out, 32), f32x4.mul(groupSum(a2, b2), v128.load(s, 32))), 32);
      v128.store(out, f32x4.add(v128.load(out, 48), f32x4.mul(groupSum(a3, b3), v128.load(s, 48))), 48);
    }
    s += 64;
  }
  const xs = f32x4.splat(xScale);
  v128.store(out, f32x4.mul(v128.load(out), xs));
  v128.store(out, f32x4.mul(v128.load(out, 16), xs), 16);
  v128.store(out, f32x4.mul(v128.load(out, 32), xs), 32);
  v128.store(out, f32x4.mul(v128.load(out, 48), xs), 48);
}

/** f32(65536 · hiSum + loSum) of a group's exact integer sums, as f32(hiSum) · 65536 + f32(loSum). */
// @ts-ignore: decorator
@inline
function groupSum(hiSum: v128, loSum: v128): v128 {
  return f32x4.add(f32x4.mul(f32x4.convert_i32x4_s(hiSum), f32x4.splat(65536)), f32x4.convert_i32x4_s(loSum));
}
