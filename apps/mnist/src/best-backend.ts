import { createBestBackend, type BackendKind, type BestBackend, type BestBackendOptions, type ConsideredBackend } from '@qaxon/backends';
import { startProgress } from './progress.js';

/**
 * What `createBestBackend()` picked and why, without the backend itself: the part of a
 * {@link BestBackend} the demo reports (text and `--json`).
 *
 * @example
 * ```ts
 * const summary: BestBackendSummary = { name: 'wasm', kind: 'wasm', reason: 'no GPU hardware was usable, ...', considered: [] };
 * ```
 */
export interface BestBackendSummary {
  /** The picked backend's `name` (`wasm`, `gpu.js:webgl2`, `reference`). */
  readonly name: string;
  readonly kind: BackendKind;
  /** One sentence: why this one. */
  readonly reason: string;
  /** Every candidate in the order it was tried, with its verdict. */
  readonly considered: readonly ConsideredBackend[];
}

/**
 * Strips the backend off a {@link BestBackend}, keeping what was picked and why.
 *
 * @example
 * ```ts
 * const best = await createBestBackend();
 * console.log(summarizeBestBackend(best)); // { name: 'wasm', kind: 'wasm', reason: '...', considered: [...] }
 * best.backend.dispose?.();
 * ```
 */
export function summarizeBestBackend(best: BestBackend): BestBackendSummary {
  return { name: best.backend.name, kind: best.kind, reason: best.reason, considered: best.considered.map((line) => ({ ...line })) };
}

/**
 * Runs `createBestBackend(options)` behind a progress line (stderr, unless `quiet`). The
 * caller owns the backend and must dispose it (the WebAssembly one holds worker threads).
 *
 * @example
 * ```ts
 * const best = await startBestBackend({ quiet: true });
 * try { console.log(best.kind, best.reason); } finally { best.backend.dispose?.(); }
 * ```
 */
export async function startBestBackend(options: { readonly quiet: boolean; readonly create?: BestBackendOptions }): Promise<BestBackend> {
  const bar = startProgress('choosing the best backend', 1, { silent: options.quiet });
  const best = await createBestBackend(options.create);
  bar.finish(`${best.backend.name} (${best.kind})`);
  return best;
}
