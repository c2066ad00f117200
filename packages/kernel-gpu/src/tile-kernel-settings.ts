import { floatBufferBytes, glFloatArrayBytes, glOutputBytes, wasmModuleBytes } from './device-bytes.js';
import type { KernelProgram, TileUpload } from './kernel-program-types.js';
import { modeFamily, type GpuMode } from './modes.js';

/** The gpu.js settings of the kernel that computes `rows` output rows of tile `upload` with `program` in `mode`. */
export function tileKernelSettings(program: KernelProgram, mode: GpuMode, asyncMode: boolean, upload: TileUpload, rows: number): Record<string, unknown> {
  const family = modeFamily(mode);
  const dynamic = family !== 'buffer';
  return {
    output: [upload.groups, rows],
    constants: upload.constants,
    returnType: program.returnType,
    precision: 'single',
    tactic: 'precision',
    dynamicOutput: dynamic,
    dynamicArguments: dynamic,
    optimizeFloatMemory: family === 'gl' && program.returnType === 'Number',
    // GL: the partial sums stay a texture, finished on the GPU (see glDenseFinishSource).
    pipeline: family === 'gl',
    immutable: family === 'gl',
    asyncMode,
  };
}

/**
 * Device bytes of the input and output buffers a tile's kernel keeps between calls of
 * `rows` rows of `x` (`xStride` floats each) giving `outputRows` output rows.
 */
export function tileKernelIoBytes(program: KernelProgram, mode: GpuMode, xStride: number, upload: TileUpload, rows: number, outputRows: number): number {
  const components = program.unitsPerGroup;
  const inputLength = rows * xStride;
  switch (modeFamily(mode)) {
    case 'gl':
      return glFloatArrayBytes(inputLength) + glOutputBytes(upload.groups, outputRows, components);
    case 'buffer': {
      const outputLength = upload.groups * rows * components;
      if (mode === 'webasm') {
        // One WebAssembly memory per kernel holds its constants, input and output.
        return wasmModuleBytes([upload.weightBytes, 4 * inputLength, 4 * outputLength]) - upload.weightBytes;
      }
      // WebGPU: input and output storage buffers, plus the readback staging buffer.
      return floatBufferBytes(inputLength) + 2 * floatBufferBytes(outputLength);
    }
    case 'host':
      return 0;
  }
}
