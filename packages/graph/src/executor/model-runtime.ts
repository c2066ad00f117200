import type { Backend, WeightCache } from '@qaxon/tensor';

/**
 * What the executor of one built model works with: the model's backend and its one
 * `WeightCache` (host weight -> handle on the backend, uploaded on first use).
 *
 * @example
 * ```ts
 * import { referenceBackend } from '@qaxon/kernel-reference';
 * import { WeightCache } from '@qaxon/tensor';
 * import type { ModelRuntime } from '@qaxon/graph/internals';
 * const runtime: ModelRuntime = { backend: referenceBackend, weights: new WeightCache(referenceBackend) };
 * ```
 */
export interface ModelRuntime {
  /** The backend every op call goes to first. */
  readonly backend: Backend;
  /** The model's weight handles on `backend`. */
  readonly weights: WeightCache;
}
