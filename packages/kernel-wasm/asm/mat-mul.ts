// One matrix product C [m, n] = A [m, k] · B [k, n] in f32 SIMD, B row-major (the caller
// transposes a transposed B into scratch first), A at any strides (so a transposed A is
// read in place: each A value is splatted, wherever it sits). Tiles of 4 rows × 8 columns
// keep 8 accumulators in registers; every C entry is summed as acc = 0; acc += a·b over
// ascending k in f32, in the tiles, the column tails and the row tails alike.

/**
 * C = A · B for one matrix: A (i, kk) at a + i·aRow + kk·aColumn bytes, B row-major
 * `[k, n]`, C row-major `[m, n]`.
 */
export function matMulF32(a: usize, aRow: usize, aColumn: usize, b: usize, c: usize, m: i32, k: i32, n: i32): void {
  const bRow = <usize>n << 2;
  const tileEnd = n & ~7;
  let i = 0;
  for (; i + 4 <= m; i += 4) {
    const a0 = a + <usize>i * aRow;
    const c0 = c + <usize>i * bRow;
    for (let j = 0; j < tileEnd; j += 8) tile4x8(a0, aRow, aColumn, b + (<usize>j << 2), bRow, k, c0 + (<usize>j << 2), bRow);
    for (let r = 0; r < 4; r++) columnTail(a0 + <usize>r * aRow, aColumn, b, bRow, k, n, tileEnd, c0 + <usize>r * bRow);
  }
  for (; i < m; i++) {
    const ai = a + <usize>i * aRow;
    const ci = c + <usize>i * bRow;
    for (let j = 0; j < tileEnd; j += 8) tile1x8(ai, aColumn, b + (<usize>j << 2), bRow, k, ci + (<usize>j << 2));
    columnTail(ai, aColumn, b, bRow, k, n, tileEnd, ci);
  }
}

function tile4x8(a: usize, aRow: usize, aColumn: usize, b: usize, bRow: usize, k: i32, c: usize, cRow: usize): void {
  let p0 = f32x4.splat(0), p1 = f32x4.splat(0), q0 = f32x4.splat(0), q1 = f32x4.splat(0);
  let r0 = f32x4.splat(0), r1 = f32x4.splat(0), s0 = f32x4.splat(0), s1 = f32x4.splat(0);
  const a1 = a + aRow, a2 = a1 + aRow, a3 = a2 + aRow;
  let at: usize = 0;
  let row = b;
  for (let kk = 0; kk < k; kk++, at += aColumn, row += bRow) {
    const w0 = v128.load(row);
    const w1 = v128.load(row, 16);
    let x = v128.load32_splat(a + at);
    p0 = f32x4.add(p0, f32x4.mul(x, w0));
    p1 = f32x4.add(p1, f32x4.mul(x, w1));
    x = v128.load32_splat(a1 + at);
    q0 = f32x4.add(q0, f32x4.mul(x, w0));
    q1 = f32x4.add(q1, f32x4.mul(x, w1));
    x = v128.load32_splat(a2 + at);
    r0 = f32x4.add(r0, f32x4.mul(x, w0));
    r1 = f32x4.add(r1, f32x4.mul(x, w1));
    x = v128.load32_splat(a3 + at);
    s0 = f32x4.add(s0, f32x4.mul(x, w0));
    s1 = f32x4.add(s1, f32x4.mul(x, w1));
  }
  v128.store(c, p0);
  v128.store(c, p1, 16);
  c += cRow;
  v128.store(c, q0);
  v128.store(c, q1, 16);
  c += cRow;
  v128.store(c, r0);
  v128.store(c, r1, 16);
  c += cRow;
  v128.store(c, s0);
  v128.store(c, s1, 16);
}

function tile1x8(a: usize, aColumn: usize, b: usize, bRow: usize, k: i32, c: usize): void {
  let p0 = f32x4.splat(0), p1 = f32x4.splat(0);
  let at: usize = 0;
  let row = b;
  for (let kk = 0; kk < k; kk++, at += aColumn, row += bRow) {
    const x = v128.load32_splat(a + at);
    p0 = f32x4.add(p0, f32x4.mul(x, v128.load(row)));
    p1 = f32x4.add(p1, f32x4.mul(x, v128.load(row, 16)));
  }
  v128.store(c, p0);
  v128.store(c, p1, 16);
}

/** Columns first .. n-1 of one row of C, one at a time. */
function columnTail(a: usize, aColumn: usize, b: usize, bRow: usize, k: i32, n: i32, first: i32, c: usize): void {
  for (let j = first; j < n; j++) {
    let sum: f32 = 0;
    let at: usize = 0;
    let entry = b + (<usize>j << 2);
    for (let kk = 0; kk < k; kk++, at += aColumn, entry += bRow) sum += load<f32>(a + at) * load<f32>(entry);
    store<f32>(c + (<usize>j << 2), sum);
  }
}

/** B^T: `[n, k]` row-major at `source` into `[k, n]` row-major at `target`. */
export function transposeF32(source: usize, target: usize, n: i32, k: i32): void {
  for (let j = 0; j < n; j++) {
    const row = source + ((<usize>j * <usize>k) << 2);
    for (let kk = 0; kk < k; kk++) store<f32>(target + ((<usize>kk * <usize>n + <usize>j) << 2), load<f32>(row + (<usize>kk << 2)));
  }
}
