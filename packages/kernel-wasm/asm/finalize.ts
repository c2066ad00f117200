// Turns raw column sums into outputs, for panels p0 .. p1-1 of every row:
//   int8: y = (sum - zeroPoint[n] * rowSum[m]) * scale[n] + bias[n]   (zero-point term
//         only where the zero points could not be folded into the values at upload)
//   f32:  y = sum + bias[n]
// `scale`, `bias` and `zeroPoints` hold one f32 per padded column; 0 means absent.

export function finalizeColumns(
  rows: i32,
  p0: i32,
  p1: i32,
  y: usize,
  yStride: usize,
  scale: usize,
  bias: usize,
  zeroPoints: usize,
  rowSums: usize,
): void {
  const first = <usize>p0 << 6;
  const last = <usize>p1 << 6;
  for (let m = 0; m < rows; m++) {
    const row = y + <usize>m * yStride;
    const rowSum = zeroPoints !== 0 ? v128.load32_splat(rowSums + (<usize>m << 2)) : f32x4.splat(0);
    for (let at = first; at < last; at += 16) {
      let value = v128.load(row + at);
      if (zeroPoints !== 0) value = f32x4.sub(value, f32x4.mul(v128.load(zeroPoints + at), rowSum));
      if (scale !== 0) value = f32x4.mul(value, v128.load(scale + at));
      if (bias !== 0) value = f32x4.add(value, v128.load(bias + at));
      v128.store(row + at, value);
    }
  }
}
