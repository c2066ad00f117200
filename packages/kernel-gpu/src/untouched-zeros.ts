/**
 * Zero-filled typed arrays whose pages the process does not hold until they are written.
 *
 * @module
 */

const PAGE = 65536;

/**
 * `length` zeros in a buffer of their own, mapped but untouched: reading it (gpu.js copying
 * a placeholder constant into a kernel's memory) costs no resident memory, where a plain
 * `new Float32Array(length)` may come from reused, already resident heap memory. Backed by
 * a WebAssembly memory (always a fresh mapping) where the runtime has one, else a plain array.
 *
 * @example
 * ```ts
 * import { untouchedZeros } from '@qaxon/kernel-gpu/internals';
 * const zeros = untouchedZeros(Float32Array, 1 << 20);
 * console.log(zeros.length, zeros[123]); // 1048576 0
 * ```
 */
export function untouchedZeros<T extends Float32Array | Int8Array>(Type: { new (buffer: ArrayBuffer, offset: number, length: number): T; readonly BYTES_PER_ELEMENT: number }, length: number): T {
  const bytes = length * Type.BYTES_PER_ELEMENT;
  const Memory = (globalThis as { WebAssembly?: { Memory?: new (descriptor: { initial: number }) => { buffer: ArrayBuffer } } }).WebAssembly?.Memory;
  if (Memory !== undefined && bytes >= PAGE) {
    try {
      return new Type(new Memory({ initial: Math.ceil(bytes / PAGE) }).buffer, 0, length);
    } catch {
      // Over the runtime's WebAssembly memory limit: a plain array below.
    }
  }
  return new Type(new ArrayBuffer(bytes), 0, length);
}
