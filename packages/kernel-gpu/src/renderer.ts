/**
 * Renderer names that say nothing about the hardware: what headless-gl and browsers that
 * mask the renderer report instead of the real one.
 */
const GENERIC_RENDERERS = new Set(['angle', 'webkit webgl', 'mozilla', 'stack-gl', '']);

/**
 * The name of the GPU (or software rasterizer) behind a WebGL context: the unmasked
 * renderer from `WEBGL_debug_renderer_info` where the browser offers it, otherwise
 * `RENDERER` unless that is a generic placeholder (`'ANGLE'` from headless-gl, `'WebKit
 * WebGL'`, ...), in which case `undefined` — the hardware cannot be told.
 *
 * @example
 * ```ts
 * import { webGlRenderer } from '@qaxon/kernel-gpu';
 * const gl = document.createElement('canvas').getContext('webgl2');
 * console.log(gl ? webGlRenderer(gl) : undefined); // e.g. 'ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device ...))'
 * ```
 */
export function webGlRenderer(context: unknown): string | undefined {
  const gl = context as GlLike | null | undefined;
  if (gl === null || gl === undefined || typeof gl.getParameter !== 'function') return undefined;
  try {
    const debug = typeof gl.getExtension === 'function' ? gl.getExtension('WEBGL_debug_renderer_info') : null;
    const unmasked = debug ? gl.getParameter(debug.UNMASKED_RENDERER_WEBGL) : undefined;
    if (typeof unmasked === 'string' && !GENERIC_RENDERERS.has(unmasked.trim().toLowerCase())) return unmasked;
    const plain = gl.getParameter(gl.RENDERER);
    if (typeof plain === 'string' && !GENERIC_RENDERERS.has(plain.trim().toLowerCase())) return plain;
  } catch {
    // A lost context answers nothing.
  }
  return undefined;
}

interface GlLike {
  readonly RENDERER: number;
  getParameter(name: number): unknown;
  getExtension?(name: string): { UNMASKED_RENDERER_WEBGL: number } | null;
}
