// Int8 -> f32 widening of 8 interleaved weights (see layout.ts). v128.load8x8_s sign-
// extends 8 bytes to i16 lanes h0..h7; i32x4.dot_i16x8_s(h, (1, 0, 1, 0, ...)) yields the
// even lanes h0 h2 h4 h6 and i32x4.shr_s(h, 16) the odd lanes h1 h3 h5 h7, each as i32,
// one instruction per 4 weights (against two for extend_low/extend_high of i16x8).

/** (1, 0) in every i32 lane seen as two i16: selects the even i16 lanes in a dot product. */
const EVEN_LANES: v128 = i16x8(1, 0, 1, 0, 1, 0, 1, 0);

/**
 * EVEN_LANES as a value V8 cannot see is constant: written at `at` (16 bytes of the
 * thread's scratch) and read back. Given a v128.const, V8 rebuilds it (3 instructions)
 * on every use inside a loop; a loaded value stays in a register.
 */
export function evenLanesSelector(at: usize): v128 {
  v128.store(at, EVEN_LANES);
  return v128.load(at);
}

/** Columns 0..3 (of a half panel row) from its 8 sign-extended bytes; `even` from evenLanesSelector. */
export function lowColumns(bytes: v128, even: v128): v128 {
  return f32x4.convert_i32x4_s(i32x4.dot_i16x8_s(bytes, even));
}

/** Columns 4..7 (of a half panel row) from its 8 sign-extended bytes. */
export function highColumns(bytes: v128): v128 {
  return f32x4.convert_i32x4_s(i32x4.shr_s(bytes, 16));
}
