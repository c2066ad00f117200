import { fileURLToPath } from 'node:url';

/**
 * Where the trained float weights live (committed; `pnpm --filter mnist train` rewrites
 * them and the demo loads them from here).
 *
 * @example
 * ```ts
 * console.log(FLOAT_WEIGHTS_PATH.endsWith('weights/mnist-mlp.safetensors')); // true
 * ```
 */
export const FLOAT_WEIGHTS_PATH = fileURLToPath(new URL('../weights/mnist-mlp.safetensors', import.meta.url));

/**
 * Where the demo saves the quantized state unless `--out` says otherwise (git-ignored).
 *
 * @example
 * ```ts
 * console.log(QUANTIZED_WEIGHTS_PATH.endsWith('out/mnist-int8.safetensors')); // true
 * ```
 */
export const QUANTIZED_WEIGHTS_PATH = fileURLToPath(new URL('../out/mnist-int8.safetensors', import.meta.url));
