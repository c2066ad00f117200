import type { GpuJsInstance } from './gpu-js.js';
import { modeFamily, type GpuMode } from './modes.js';
import type { GpuTileLimits } from './tiling.js';

/**
 * The tiling limits of a backend in `mode`: on GL modes the texture size gpu.js reports
 * (4096 when it reports none), and each default replaced by its override.
 */
export function resolveLimits(mode: GpuMode, gpu: GpuJsInstance, overrides: Partial<GpuTileLimits> = {}): GpuTileLimits {
  const family = modeFamily(mode);
  const reported = gpu.Kernel?.features?.maxTextureSize;
  const maxTextureSize = family === 'gl' ? (typeof reported === 'number' && reported > 0 ? reported : 4096) : Number.POSITIVE_INFINITY;
  return {
    maxTextureSize: overrides.maxTextureSize ?? maxTextureSize,
    maxTileElements: overrides.maxTileElements ?? (family === 'host' ? Number.POSITIVE_INFINITY : 2 ** 24),
    maxRowsPerCall: overrides.maxRowsPerCall ?? (family === 'buffer' ? 16 : 4096),
  };
}
