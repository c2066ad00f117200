/**
 * `@qaxon/kernel-gpu/internals`: the pieces `createGpuBackend` is built from, for tools,
 * tests and the curious: the kernel programs and their weight layouts, tiling, packing, the
 * handles' storage, the GL elementwise programs, the `matMul` and `attention` programs and the host loops, device-byte estimates and the self-test problem. Not needed to use the
 * backend; may change in minor versions.
 *
 * @example
 * ```ts
 * import { planTiles } from '@qaxon/kernel-gpu/internals';
 * const tiles = planTiles(8192, 4096, { unitsPerGroup: 4, maxGroups: 8192, maxInner: 8192, maxTileElements: 2 ** 24 });
 * console.log(tiles.length); // 2: the kernel is cut in two row bands
 * ```
 *
 * @packageDocumentation
 */
export { kernelProgram, s4GroupPairs, s4Program, type KernelProgram, type TexelRowOrder, type TileUpload } from './kernel-programs.js';
export { packS4Words, QUANTIZED_DENSE_S4_SOURCE } from './kernels/quantized-dense-s4.js';
export { planTiles, rowChunks, type GpuTileLimits, type KernelTile, type TileConstraints } from './tiling.js';
export {
  columnConstants,
  denseTileColumns,
  denseTileWeights,
  packTexelImage,
  packWords24,
  words24Size,
  writeColumnsRows,
  writeWords24Rows,
  type PackedColumns,
  type WeightImage,
} from './packing.js';
export type { GpuJsTexture, GpuStorage, StorageCell } from './handles/gpu-handle.js';
export {
  GL_COPY_SOURCE,
  GL_MAX_PARTS,
  glBinarySource,
  glDenseFinishSource,
  glSoftmaxSource,
  glUnarySource,
  type GlBinaryOp,
  type GlUnaryOp,
} from './kernels/gl-elementwise.js';
export { hostBinary, hostSoftmax, hostUnary, type HostBinaryOp, type HostUnaryOp } from './kernels/host-elementwise.js';
export { untouchedZeros } from './untouched-zeros.js';
export { UploadedWeights, type TileKernel } from './uploaded-weights.js';
export { addKernelOutput } from './kernel-output.js';
export { runSequence } from './run-sequence.js';
export { selfTestProblem, describeMismatch, type SelfTestProblem } from './self-test.js';
export { glFloatArrayBytes, glOutputBytes, floatBufferBytes, wasmModuleBytes } from './device-bytes.js';
export { matMulRowsSource, matMulSource, type MatMulLayout } from './kernels/mat-mul.js';
export {
  attentionCapacity,
  attentionOutputSource,
  attentionProbabilitiesSource,
  attentionScoresSource,
  attentionStatsSource,
  type AttentionLayout,
} from './kernels/attention.js';
export { DevicePrograms, type DeviceOutput } from './device-programs.js';
export { MAX_FLAT_INDEX, checkFlatSize, type DeviceRunner } from './device-runner.js';
export { BINARY_OPS, GL_UNARY_OPS, HOST_UNARY_OPS, gpuOpPrecision } from './op-precision.js';
export { layerNormStatsSource, normApplySource, rmsNormStatsSource } from './kernels/norms.js';
export { ropeSource, type RopeLayout } from './kernels/rope.js';
