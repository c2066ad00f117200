/**
 * Device memory estimates, following the layouts gpu.js uses for each kind of value.
 *
 * @module
 */

/**
 * Bytes of the RGBA32F texture gpu.js uploads a float array of `length` into on GL modes
 * (4 floats per texel, in its closest-to-square size).
 *
 * @example
 * ```ts
 * import { glFloatArrayBytes } from '@qaxon/kernel-gpu/internals';
 * console.log(glFloatArrayBytes(4096)); // 16384
 * ```
 */
export function glFloatArrayBytes(length: number): number {
  const texels = Math.ceil(Math.max(length, 1) / 4);
  const [width, height] = closestSquareDimensions(texels);
  return width * height * 16;
}

/**
 * Bytes of the RGBA32F texture a GL kernel renders `[width, rows]` outputs of
 * `components` floats into (scalar outputs packed 4 per texel).
 *
 * @example
 * ```ts
 * import { glOutputBytes } from '@qaxon/kernel-gpu/internals';
 * console.log(glOutputBytes(1024, 1, 4)); // 16384: 1024 texels of 4 floats
 * ```
 */
export function glOutputBytes(width: number, rows: number, components: number): number {
  if (components === 1) return glFloatArrayBytes(width * rows);
  const texels = width * rows;
  if (rows > 1) return texels * 16;
  const [w, h] = closestSquareDimensions(texels);
  return w * h * 16;
}

/**
 * Bytes of a float32 buffer of `length` elements (WebAssembly memory, WebGPU storage).
 *
 * @example
 * ```ts
 * import { floatBufferBytes } from '@qaxon/kernel-gpu/internals';
 * console.log(floatBufferBytes(10)); // 40
 * ```
 */
export function floatBufferBytes(length: number): number {
  return 4 * length;
}

/**
 * Bytes of the WebAssembly memory gpu.js gives one module: its regions (16-byte aligned)
 * rounded up to 64 KiB pages, plus the 16 spare pages it always adds.
 *
 * @example
 * ```ts
 * import { wasmModuleBytes } from '@qaxon/kernel-gpu/internals';
 * console.log(wasmModuleBytes([100, 4])); // 17 pages: 1114112
 * ```
 */
export function wasmModuleBytes(regionBytes: readonly number[]): number {
  const total = regionBytes.reduce((sum, bytes) => sum + Math.ceil(bytes / 16) * 16, 0);
  return (Math.ceil(total / 65536) + 16) * 65536;
}

/** gpu.js's `utils.closestSquareDimensions`: a `[width, height]` near a square holding `length` texels. */
function closestSquareDimensions(length: number): [number, number] {
  const root = Math.sqrt(length);
  let high = Math.ceil(root);
  let low = Math.floor(root);
  while (high * low < length) {
    high--;
    low = Math.ceil(length / high);
  }
  return [low, Math.ceil(length / low)];
}
