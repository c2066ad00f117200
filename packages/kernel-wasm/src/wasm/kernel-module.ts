import { WasmBackendError } from '../errors.js';
import { KERNELS_RELAXED_WASM_BASE64, KERNELS_SHARED_RELAXED_WASM_BASE64, KERNELS_SHARED_WASM_BASE64, KERNELS_WASM_BASE64 } from '../generated/wasm-binaries.js';
import { decodeBase64 } from './decode-base64.js';
import { relaxedSimdAvailable } from './relaxed-simd.js';

const PAGE_BYTES = 65536;
/** The wasm32 limit, and what the shared variant declares as its maximum. */
const MAX_PAGES = 65536;

/**
 * Options of {@link loadKernelModule}.
 *
 * @example
 * ```text
 * const options: KernelModuleOptions = { shared: true, maximumBytes: 1 << 30 };
 * ```
 */
export interface KernelModuleOptions {
  /** The shared-memory variant (for worker threads) rather than the plain one. */
  shared: boolean;
  /** Largest size the memory may grow to (default 4 GiB). */
  maximumBytes?: number | undefined;
  /** true: the relaxed-SIMD build where the engine has relaxed SIMD (default false: the plain build). */
  relaxedSimd?: boolean | undefined;
}

/**
 * Compiles the embedded kernel module (plain or shared-memory variant, built with relaxed
 * SIMD when asked and the engine has it) and creates the memory it imports. Throws {@link WasmBackendError} where WebAssembly SIMD is missing.
 *
 * @example
 * ```text
 * const { module, memory } = await loadKernelModule({ shared: false });
 * const instance = await WebAssembly.instantiate(module, { env: { memory } });
 * ```
 */
export async function loadKernelModule(options: KernelModuleOptions): Promise<{ module: WebAssembly.Module; memory: WebAssembly.Memory }> {
  const maximumBytes = options.maximumBytes ?? MAX_PAGES * PAGE_BYTES;
  if (!(maximumBytes >= PAGE_BYTES)) {
    throw new WasmBackendError(`createWasmBackend: expected maximumMemoryBytes >= ${PAGE_BYTES} (one page), got ${String(options.maximumBytes)}`);
  }
  const maximum = Math.min(MAX_PAGES, Math.floor(maximumBytes / PAGE_BYTES));
  const relaxed = options.relaxedSimd === true && relaxedSimdAvailable();
  const plain = options.shared ? KERNELS_SHARED_WASM_BASE64 : KERNELS_WASM_BASE64;
  const bytes = decodeBase64(relaxed ? (options.shared ? KERNELS_SHARED_RELAXED_WASM_BASE64 : KERNELS_RELAXED_WASM_BASE64) : plain);
  let module: WebAssembly.Module;
  try {
    module = await WebAssembly.compile(bytes);
  } catch (error) {
    throw new WasmBackendError(
      `createWasmBackend: expected a JavaScript engine with WebAssembly SIMD${options.shared ? ' and threads' : ''} support, ` +
        `but the kernel module did not compile: ${String(error)}`,
    );
  }
  return { module, memory: createMemory(maximum, options.shared) };
}

/**
 * A memory of one page that may grow to `maximum` pages. A shared memory reserves its
 * maximum up front, which a 32-bit browser may refuse for 4 GiB: then smaller maximums
 * are tried (1 GiB, 256 MiB) before giving up.
 */
function createMemory(maximum: number, shared: boolean): WebAssembly.Memory {
  const candidates = [maximum, ...[16384, 4096].filter((pages) => pages < maximum)];
  let lastError: unknown;
  for (const pages of candidates) {
    try {
      return new WebAssembly.Memory({ initial: 1, maximum: pages, shared });
    } catch (error) {
      lastError = error;
    }
  }
  throw new WasmBackendError(
    `createWasmBackend: expected to create a ${shared ? 'shared ' : ''}WebAssembly memory of up to ${maximum} pages, but it failed: ${String(lastError)}`,
  );
}
