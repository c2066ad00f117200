// Rotary position embeddings in f64x2 SIMD: each pair (x1, x2) of a head becomes
// (x1·cos - x2·sin, x2·cos + x1·sin), in float64 and rounded once to f32, with cos and sin
// of each row's angles computed by the caller in float64 (one table per call) — the
// reference's exact operations, so the result has its bits. Pairs are (i, i + rotaryDim/2)
// (Hugging Face's rotate_half: two neighbouring i per vector) or (2i, 2i + 1) (interleaved:
// one pair per vector); entries from rotaryDim on are copied.

/**
 * out = rope(x) for `rows` rows of `heads · headDim` floats; `cos`/`sin` hold `half` f64
 * per table row, and row r reads table row `r % tableRows` when `tableRows` divides rows in
 * sequence order (positions shared across the batch) — the caller passes `tableRows` =
 * sequence for shared positions, rows for per-batch positions.
 */
export function ropeF64(
  x: usize,
  out: usize,
  cos: usize,
  sin: usize,
  rows: i32,
  tableRows: i32,
  heads: i32,
  headDim: i32,
  rotaryDim: i32,
  interleaved: bool,
): void {
  const rowBytes = (<usize>heads * <usize>headDim) << 2;
  memory.copy(out, x, <usize>rows * rowBytes);
  const half = rotaryDim >> 1;
  for (let r = 0; r < rows; r++) {
    const tableRow = <usize>(r % tableRows) * (<usize>half << 3);
    const c = cos + tableRow;
    const s = sin + tableRow;
    for (let h = 0; h < heads; h++) {
      const offset = <usize>r * rowBytes + ((<usize>h * <usize>headDim) << 2);
      if (interleaved) rotatePairs(x + offset, out + offset, c, s, half);
      else rotateHalves(x + offset, out + offset, c, s, half);
    }
  }
}

/** Pairs (i, i + half) of one head, two i per step. */
function rotateHalves(x: usize, out: usize, cos: usize, sin: usize, half: i32): void {
  const second = <usize>half << 2;
  let i = 0;
  for (; i + 2 <= half; i += 2) {
    const at = <usize>i << 2;
    const x1 = f64x2.promote_low_f32x4(v128.load64_zero(x + at));
    const x2 = f64x2.promote_low_f32x4(v128.load64_zero(x + second + at));
    const c = v128.load(cos + (<usize>i << 3));
    const s = v128.load(sin + (<usize>i << 3));
    const y1 = f64x2.sub(f64x2.mul(x1, c), f64x2.mul(x2, s));
    const y2 = f64x2.add(f64x2.mul(x2, c), f64x2.mul(x1, s));
    v128.store64_lane(out + at, f32x4.demote_f64x2_zero(y1), 0);
    v128.store64_lane(out + second + at, f32x4.demote_f64x2_zero(y2), 0);
  }
  if (i < half) {
    const at = <usize>i << 2;
    const x1 = <f64>load<f32>(x + at);
    const x2 = <f64>load<f32>(x + second + at);
    const c = load<f64>(cos + (<usize>i << 3));
    const s = load<f64>(sin + (<usize>i << 3));
    store<f32>(out + at, <f32>(x1 * c - x2 * s));
    store<f32>(out + second + at, <f32>(x2 * c + x1 * s));
  }
}

/** Pairs (2i, 2i + 1) of one head: lanes (x1, x2), their swap (x2, x1), then lane 0 of the difference and lane 1 of the sum. */
function rotatePairs(x: usize, out: usize, cos: usize, sin: usize, half: i32): void {
  for (let i = 0; i < half; i++) {
    const at = <usize>i << 3;
    const pair = f64x2.promote_low_f32x4(v128.load64_zero(x + at));
    const swapped = v128.shuffle<f64>(pair, pair, 1, 0);
    const product = f64x2.mul(pair, v128.load64_splat(cos + at));
    const crossed = f64x2.mul(swapped, v128.load64_splat(sin + at));
    const y = v128.shuffle<f64>(f64x2.sub(product, crossed), f64x2.add(product, crossed), 0, 3);
    v128.store64_lane(out + at, f32x4.demote_f64x2_zero(y), 0);
  }
}
