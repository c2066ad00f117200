import type { BackendContext } from './backend-context.js';
import type { TileUpload } from './kernel-programs.js';
import { GL_MAX_PARTS } from './kernels/gl-elementwise.js';

/** Threads a GL call aims for (split K reaches it for small batches). */
const GL_TARGET_THREADS = 16384;
/** Threads a WebAssembly call needs before gpu.js hands it to its worker pool. */
const WASM_THREADED_CELLS = 4096;
/** Shortest K chunk a thread sums when K is split. */
const MIN_CHUNK = 64;

/**
 * How a call splits K into partial sums: on GL modes, enough that `groups * rows * parts`
 * reaches {@link GL_TARGET_THREADS} (a GEMV has few outputs) within the texture size; with
 * WebAssembly threads, enough that a single-row call reaches {@link WASM_THREADED_CELLS}.
 * Chunks are at least {@link MIN_CHUNK} long and a multiple of the program's alignment.
 */
export function splitInner(
  { gl, threads, limits }: Pick<BackendContext, 'gl' | 'threads' | 'limits'>,
  splitsInner: boolean,
  upload: TileUpload,
  rows: number,
  align: number,
): { parts: number; chunk: number } {
  const inner = upload.innerLength;
  let wanted = 1;
  let limit = Math.floor(inner / MIN_CHUNK);
  if (gl) {
    wanted = Math.ceil(GL_TARGET_THREADS / (upload.groups * rows));
    limit = Math.min(limit, Math.floor(limits.maxTextureSize / rows), GL_MAX_PARTS);
  } else if (threads && rows === 1) {
    wanted = Math.ceil(WASM_THREADED_CELLS / upload.groups);
  }
  if (!splitsInner || wanted <= 1 || limit <= 1) return { parts: 1, chunk: inner };
  const parts = Math.min(wanted, limit);
  const chunk = Math.ceil(inner / parts / align) * align;
  return { parts: Math.ceil(inner / chunk), chunk };
}

/** Rows of x one host-mode dense call takes when a row holds `inner` floats. */
export function blockRows({ gl, limits }: Pick<BackendContext, 'gl' | 'limits'>, inner: number): number {
  const { maxRowsPerCall, maxTextureSize, maxTileElements } = limits;
  const textureRows = gl ? maxTextureSize : Number.POSITIVE_INFINITY;
  return Math.max(1, Math.min(maxRowsPerCall, textureRows, Math.floor(maxTileElements / inner)));
}
