import type { Backend } from '@qaxon/tensor';

/**
 * Which kind of backend {@link createBestBackend} picked.
 *
 * @example
 * ```ts
 * import type { BackendKind } from '@qaxon/backends';
 * const kind: BackendKind = 'wasm';
 * ```
 */
export type BackendKind = 'gpu' | 'wasm' | 'reference';

/**
 * One candidate {@link createBestBackend} looked at, and what it concluded.
 *
 * @example
 * ```ts
 * import type { ConsideredBackend } from '@qaxon/backends';
 * const line: ConsideredBackend = { candidate: 'gpu.js:headlessgl', picked: false, reason: 'software renderer llvmpipe' };
 * ```
 */
export interface ConsideredBackend {
  /** The candidate, e.g. `gpu.js:webgl2`, `wasm (2 threads)`, `reference`. */
  candidate: string;
  /** True for the one that was picked. */
  picked: boolean;
  /** Why it was picked or passed over. */
  reason: string;
}

/**
 * The backend {@link createBestBackend} picked, and why.
 *
 * @example
 * ```ts
 * import { createBestBackend } from '@qaxon/backends';
 * const best = await createBestBackend();
 * console.log(`${best.backend.name}: ${best.reason}`);
 * best.backend.dispose?.();
 * ```
 */
export interface BestBackend {
  /** The backend to pass to `build(model, { backend })`. Dispose it when done. */
  backend: Backend;
  /** Its kind. */
  kind: BackendKind;
  /** One sentence: why this one. */
  reason: string;
  /** Every candidate in the order they were tried, with its verdict. */
  considered: ConsideredBackend[];
}
