/**
 * Substrings (lower case) of renderer names that mean the "GPU" is software running on
 * the CPU: Mesa's llvmpipe/softpipe/swrast and lavapipe, Google's SwiftShader, Microsoft's
 * Basic Render Driver / WARP. A gpu.js GPU mode on one of these is no faster than the CPU
 * backends, so {@link createBestBackend} does not pick it.
 *
 * @example
 * ```ts
 * import { SOFTWARE_RENDERER_MARKERS } from '@qaxon/backends';
 * console.log(SOFTWARE_RENDERER_MARKERS.includes('llvmpipe')); // true
 * ```
 */
export const SOFTWARE_RENDERER_MARKERS: readonly string[] = Object.freeze([
  'llvmpipe',
  'softpipe',
  'swrast',
  'lavapipe',
  'swiftshader',
  'software',
  'basic render',
  'warp',
]);

/**
 * True when a renderer description names a software rasterizer (see
 * {@link SOFTWARE_RENDERER_MARKERS}).
 *
 * @example
 * ```ts
 * import { isSoftwareRenderer } from '@qaxon/backends';
 * console.log(isSoftwareRenderer('llvmpipe (LLVM 15.0.6, 256 bits)')); // true
 * console.log(isSoftwareRenderer('NVIDIA GeForce RTX 4090/PCIe/SSE2')); // false
 * ```
 */
export function isSoftwareRenderer(renderer: string): boolean {
  const name = renderer.toLowerCase();
  return SOFTWARE_RENDERER_MARKERS.some((marker) => name.includes(marker));
}
