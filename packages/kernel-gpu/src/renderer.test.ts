import { describe, expect, it } from 'vitest';
import { webGlRenderer } from './index.js';

const context = (unmasked: string | null, plain: string) => ({
  RENDERER: 0x1f01,
  getExtension: (name: string) => (name === 'WEBGL_debug_renderer_info' && unmasked !== null ? { UNMASKED_RENDERER_WEBGL: 0x9246 } : null),
  getParameter: (name: number) => (name === 0x9246 ? unmasked : name === 0x1f01 ? plain : undefined),
});

describe('webGlRenderer', () => {
  it('prefers the unmasked renderer, falls back to RENDERER, and refuses generic names', () => {
    expect(webGlRenderer(context('ANGLE (NVIDIA, NVIDIA GeForce RTX 3080)', 'WebKit WebGL'))).toBe('ANGLE (NVIDIA, NVIDIA GeForce RTX 3080)');
    expect(webGlRenderer(context(null, 'llvmpipe (LLVM 15.0.6, 256 bits)'))).toBe('llvmpipe (LLVM 15.0.6, 256 bits)');
    expect(webGlRenderer(context(null, 'ANGLE'))).toBeUndefined();
    expect(webGlRenderer(context('', 'WebKit WebGL'))).toBeUndefined();
    expect(webGlRenderer(undefined)).toBeUndefined();
    expect(webGlRenderer({ RENDERER: 1, getParameter: () => { throw new Error('lost'); } })).toBeUndefined();
  });
});
