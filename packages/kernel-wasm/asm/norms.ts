// layerNorm and rmsNorm along the last axis in f64x2 SIMD: each row's sums in float64
// (two lanes, two vectors, so four partial sums added at the end), then each output as the
// reference computes it — ((x - mean) · inverse) · gamma + beta, or x · inverse · gamma — in
// float64, rounded once to f32. Only the order of the float64 sums differs from the
// reference, so an output differs from its bits by at most one f32 rounding step.
// `gamma`/`beta` 0: absent (1 and 0).

/** The upper two f32 lanes of `four` as an f64x2. */
function upperPair(four: v128): v128 {
  return f64x2.promote_low_f32x4(v128.shuffle<f32>(four, four, 2, 3, 0, 1));
}

function lanesSum(a: v128): f64 {
  return f64x2.extract_lane(a, 0) + f64x2.extract_lane(a, 1);
}

/** Σ x over one row of `width` floats. */
function rowSum(x: usize, width: i32): f64 {
  let a = f64x2.splat(0), b = f64x2.splat(0);
  const vectorEnd = <usize>(width & ~3) << 2;
  for (let at: usize = 0; at < vectorEnd; at += 16) {
    const four = v128.load(x + at);
    a = f64x2.add(a, f64x2.promote_low_f32x4(four));
    b = f64x2.add(b, upperPair(four));
  }
  let total = lanesSum(f64x2.add(a, b));
  for (let at = vectorEnd; at < (<usize>width << 2); at += 4) total += <f64>load<f32>(x + at);
  return total;
}

/** Σ (x - center)² over one row. */
function rowSquares(x: usize, width: i32, center: f64): f64 {
  const c = f64x2.splat(center);
  let a = f64x2.splat(0), b = f64x2.splat(0);
  const vectorEnd = <usize>(width & ~3) << 2;
  for (let at: usize = 0; at < vectorEnd; at += 16) {
    const four = v128.load(x + at);
    const low = f64x2.sub(f64x2.promote_low_f32x4(four), c);
    const up = f64x2.sub(upperPair(four), c);
    a = f64x2.add(a, f64x2.mul(low, low));
    b = f64x2.add(b, f64x2.mul(up, up));
  }
  let total = lanesSum(f64x2.add(a, b));
  for (let at = vectorEnd; at < (<usize>width << 2); at += 4) {
    const d = <f64>load<f32>(x + at) - center;
    total += d * d;
  }
  return total;
}

/** out = ((x - mean) · inverse) · gamma + beta for one row, two entries per step. */
function writeRow(x: usize, out: usize, width: i32, mean: f64, inverse: f64, gamma: usize, beta: usize): void {
  const m = f64x2.splat(mean);
  const s = f64x2.splat(inverse);
  const pairEnd = <usize>(width & ~1) << 2;
  for (let at: usize = 0; at < pairEnd; at += 8) {
    let y = f64x2.mul(f64x2.sub(f64x2.promote_low_f32x4(v128.load64_zero(x + at)), m), s);
    if (gamma !== 0) y = f64x2.mul(y, f64x2.promote_low_f32x4(v128.load64_zero(gamma + at)));
    if (beta !== 0) y = f64x2.add(y, f64x2.promote_low_f32x4(v128.load64_zero(beta + at)));
    v128.store64_lane(out + at, f32x4.demote_f64x2_zero(y), 0);
  }
  if (pairEnd < (<usize>width << 2)) {
    let y = (<f64>load<f32>(x + pairEnd) - mean) * inverse;
    if (gamma !== 0) y *= <f64>load<f32>(gamma + pairEnd);
    if (beta !== 0) y += <f64>load<f32>(beta + pairEnd);
    store<f32>(out + pairEnd, <f32>y);
  }
}

/** layerNorm over `rows` rows of `width` floats. */
export function layerNormF64(x: usize, gamma: usize, beta: usize, out: usize, rows: i32, width: i32, epsilon: f64): void {
  const rowBytes = <usize>width << 2;
  for (let r = 0; r < rows; r++) {
    const row = x + <usize>r * rowBytes;
    const mean = rowSum(row, width) / <f64>width;
    const inverse = 1 / Math.sqrt(rowSquares(row, width, mean) / <f64>width + epsilon);
    writeRow(row, out + <usize>r * rowBytes, width, mean, inverse, gamma, beta);
  }
}

/** rmsNorm over `rows` rows of `width` floats: x · (1 / sqrt(mean(x²) + eps)) · gamma. */
export function rmsNormF64(x: usize, gamma: usize, out: usize, rows: i32, width: i32, epsilon: f64): void {
  const rowBytes = <usize>width << 2;
  for (let r = 0; r < rows; r++) {
    const row = x + <usize>r * rowBytes;
    const inverse = 1 / Math.sqrt(rowSquares(row, width, 0) / <f64>width + epsilon);
    writeRow(row, out + <usize>r * rowBytes, width, 0, inverse, gamma, 0);
  }
}
