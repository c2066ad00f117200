/**
 * A minimal WebAssembly module whose one function runs `i32x4.relaxed_dot_i8x16_i7x16_add_s`
 * on three zero vectors: it validates only where the engine has relaxed SIMD.
 */
const RELAXED_SIMD_PROBE = new Uint8Array([
  0, 97, 115, 109, 1, 0, 0, 0, 1, 4, 1, 96, 0, 0, 3, 2, 1, 0, 10, 20, 1, 18, 0, 65, 0, 253, 15, 65, 0, 253, 15, 65, 0, 253, 15, 253, 147, 2, 26, 11,
]);

/**
 * Whether this engine compiles WebAssembly relaxed SIMD (Node 22+, current Chromium and
 * Firefox; not Node 20 without `--experimental-wasm-relaxed-simd`), found by validating a
 * tiny module that uses it, never by the engine's name or version.
 *
 * @example
 * ```text
 * const binary = relaxedSimdAvailable() ? KERNELS_RELAXED_WASM_BASE64 : KERNELS_WASM_BASE64;
 * ```
 */
export function relaxedSimdAvailable(): boolean {
  try {
    return WebAssembly.validate(RELAXED_SIMD_PROBE);
  } catch {
    return false;
  }
}
