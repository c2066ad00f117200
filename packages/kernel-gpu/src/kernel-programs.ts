import { denseProgram } from './dense-programs.js';
import type { KernelProgram } from './kernel-program-types.js';
import { modeFamily, type GpuMode } from './modes.js';
import { DIRECT_PROGRAM, PACKED_PROGRAM, TEXEL_PROGRAM } from './quantized-dense-programs.js';

export type { KernelProgram, TexelRowOrder, TileUpload } from './kernel-program-types.js';
export { s4GroupPairs, s4Program } from './s4-program.js';

/**
 * The program that runs `kernelName` in `mode`: on GL modes int8 weights are RGBA8 texels,
 * on WebAssembly/WebGPU 3 per float32 word, in `cpu` mode the QTensor's own arrays; float
 * `dense` uploads its weights as float32 everywhere but `cpu` (read in place).
 *
 * @example
 * ```ts
 * import { kernelProgram } from '@qaxon/kernel-gpu/internals';
 * console.log(kernelProgram('quantizedDense', 'headlessgl').layout); // 'texel'
 * ```
 */
export function kernelProgram(kernelName: 'dense' | 'quantizedDense', mode: GpuMode): KernelProgram {
  const family = modeFamily(mode);
  if (kernelName === 'dense') return denseProgram(family);
  if (family === 'gl') return TEXEL_PROGRAM;
  if (family === 'buffer') return PACKED_PROGRAM;
  return DIRECT_PROGRAM;
}
