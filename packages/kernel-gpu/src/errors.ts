import { QaxonError } from '@qaxon/tensor';

/**
 * Base class of the errors `@qaxon/kernel-gpu` throws itself (a `QaxonError`; input errors
 * are the shared `ShapeError` / `DTypeError` / `ValueError` of `@qaxon/tensor`, raised by
 * the core's output rules before any kernel runs).
 *
 * @example
 * ```ts
 * import { createGpuBackend, GpuBackendError } from '@qaxon/kernel-gpu';
 * try {
 *   createGpuBackend({ mode: 'webgl2' });
 * } catch (error) {
 *   console.log(error instanceof GpuBackendError); // true in Node (no WebGL2 there)
 * }
 * ```
 */
export class GpuBackendError extends QaxonError {
  // A literal, not the constructor's name, so minified bundles keep readable names.
  override name = 'GpuBackendError';

}

/**
 * A requested gpu.js mode is not available on this machine (or is not a mode at all). The
 * message lists the modes that are available.
 *
 * @example
 * ```ts
 * import { createGpuBackend, GpuModeUnavailableError } from '@qaxon/kernel-gpu';
 * try {
 *   createGpuBackend({ mode: 'webgpu' });
 * } catch (error) {
 *   if (error instanceof GpuModeUnavailableError) console.log(error.available); // e.g. ['webasm', 'cpu']
 * }
 * ```
 */
export class GpuModeUnavailableError extends GpuBackendError {
  override name = 'GpuModeUnavailableError';
  /** The mode that was asked for. */
  readonly requested: string;
  /** The modes available here, best first. */
  readonly available: readonly string[];

  constructor(requested: string, available: readonly string[], reason: string) {
    super(
      `createGpuBackend: mode '${requested}' is not available here (${reason}); available modes: ${available.join(', ')} (or 'auto', which picks the first that passes its self-test)`,
    );
    this.requested = requested;
    this.available = available;
  }
}

/**
 * A gpu.js mode loaded but computed wrong numbers in the backend's self-test (a tiny
 * `dense` and `quantizedDense` with exactly known results), or gpu.js silently fell back
 * to another mode. `auto` skips such a mode; an explicit mode throws this.
 *
 * @example
 * ```ts
 * import { GpuSelfTestError } from '@qaxon/kernel-gpu';
 * const error = new GpuSelfTestError('webgl', 'quantizedDense: expected 7 at [0, 1], got 0');
 * console.log(error.mode); // 'webgl'
 * ```
 */
export class GpuSelfTestError extends GpuBackendError {
  override name = 'GpuSelfTestError';
  /** The mode that failed. */
  readonly mode: string;

  constructor(mode: string, detail: string) {
    super(`gpu.js mode '${mode}' failed the self-test: ${detail}`);
    this.mode = mode;
  }
}
