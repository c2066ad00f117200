// The WebAssembly module of @qaxon/kernel-wasm: packing at upload and the dense job
// runner. Built twice by scripts/build-wasm.mjs: with a plain imported memory and with a
// shared one (for worker threads).
export { packF32, packS8 } from './pack';
export * from './job';
export { PANEL_WIDTH, GEMM_K_BLOCK, GEMM_MIN_ROWS } from './layout';
export { attentionF32 } from './attention';
export { ropeF64 } from './rope';
export { layerNormF64, rmsNormF64 } from './norms';
export * from './activations';
export * from './elementwise';
export { softmaxRowsF32 } from './softmax';
export { matMulF32, transposeF32 } from './mat-mul';
export { packS4 } from './gemv-s4';
export { quantizeRowsW8A8, W8A8_GEMM_MIN_ROWS, gemmRowsBytesW8A8, prepareGemmRowsW8A8 } from './dense-w8a8';
