// add, subtract, multiply and divide on f32 lanes, for the shapes a model uses: both sides
// the same size, or one side repeated along the rows of the other (a bias or a gamma
// `[width]` against `[..., width]`, a scalar against anything). One f32 operation per
// output, which is the reference's float64 operation rounded once (a single + - × ÷ of
// two f32 in float64 rounds to the f32 result), so the bits are the reference's.

export const BINARY_ADD: i32 = 0;
export const BINARY_SUBTRACT: i32 = 1;
export const BINARY_MULTIPLY: i32 = 2;
export const BINARY_DIVIDE: i32 = 3;

function apply(op: i32, a: v128, b: v128): v128 {
  switch (op) {
    case BINARY_ADD:
      return f32x4.add(a, b);
    case BINARY_SUBTRACT:
      return f32x4.sub(a, b);
    case BINARY_MULTIPLY:
      return f32x4.mul(a, b);
    default:
      return f32x4.div(a, b);
  }
}

function applyScalar(op: i32, a: f32, b: f32): f32 {
  switch (op) {
    case BINARY_ADD:
      return a + b;
    case BINARY_SUBTRACT:
      return a - b;
    case BINARY_MULTIPLY:
      return a * b;
    default:
      return a / b;
  }
}

/**
 * out = full op row (or row op full when `rowFirst`) for `count` floats of `full`, `row`
 * holding `width` floats repeated along the rows (`width` = count: same shape; 1: a
 * scalar). The op is a loop invariant, so each loop keeps one kind of instruction.
 */
export function binaryF32(op: i32, full: usize, row: usize, out: usize, count: i32, width: i32, rowFirst: bool): void {
  const end = <usize>count << 2;
  if (width === count || width === 1) {
    // The heap pads blocks to 64 bytes: whole vectors, up to 3 floats past the end.
    const step: usize = width === 1 ? 0 : 16;
    let r = row;
    for (let at: usize = 0; at < end; at += 16, r += step) {
      const b = width === 1 ? v128.load32_splat(row) : v128.load(r);
      const a = v128.load(full + at);
      v128.store(out + at, rowFirst ? apply(op, b, a) : apply(op, a, b));
    }
    return;
  }
  const rowBytes = <usize>width << 2;
  const vectorEnd = <usize>(width & ~3) << 2;
  for (let start: usize = 0; start < end; start += rowBytes) {
    for (let at: usize = 0; at < vectorEnd; at += 16) {
      const a = v128.load(full + start + at);
      const b = v128.load(row + at);
      v128.store(out + start + at, rowFirst ? apply(op, b, a) : apply(op, a, b));
    }
    for (let at = vectorEnd; at < rowBytes; at += 4) {
      const a = load<f32>(full + start + at);
      const b = load<f32>(row + at);
      store<f32>(out + start + at, rowFirst ? applyScalar(op, b, a) : applyScalar(op, a, b));
    }
  }
}
