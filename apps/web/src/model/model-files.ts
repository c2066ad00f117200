/**
 * Where the built page serves its two model files, relative to the page: the float weights
 * trained by `apps/mnist`, and the same state quantized to int8 at build time (the page can
 * also quantize the float state itself; both give identical bytes).
 *
 * @example
 * ```ts
 * const url = new URL(MODEL_FILES.int8, document.baseURI);
 * ```
 */
export const MODEL_FILES = Object.freeze({
  float: 'models/mnist-float.safetensors',
  int8: 'models/mnist-int8.safetensors',
} as const);
