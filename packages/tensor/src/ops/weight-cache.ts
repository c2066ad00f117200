import type { Backend } from '../backend.js';
import { describeValue } from '../describe.js';
import { ValueError } from '../errors.js';
import { kernelDigest, kernelStamp, type WeightCheck } from '../kernel-stamp.js';
import type { QTensor } from '../qtensor.js';
import type { Tensor } from '../tensor.js';
import type { Handle } from './handle.js';

/**
 * The handles of host weights on one backend, found again by identity: a weight used by
 * every predict is uploaded on first use only. One cache serves every backend (the
 * executor keeps one per backend); backends keep no caches of their own. Handles are
 * held weakly: a backend frees the memory of a handle that is garbage collected.
 *
 * Weights are immutable once used. The cache compares each weight's `kernelStamp` on every
 * lookup and uploads again when it changed, so a bulk write is seen as the reference sees
 * it. A write to a few elements between the sampled ones can go unseen by a backend that
 * keeps a copy; two ways rule that out: `check: 'full'` compares a {@link kernelDigest} of
 * every element instead (a pass over the weights on every use), or adopt the weights (the
 * backend then holds the only copy, and there is no host array left to write into).
 *
 * @example
 * ```ts
 * import { WeightCache, QTensor, randomNormal } from '@qaxon/tensor';
 * import { referenceBackend } from '@qaxon/kernel-reference';
 * const cache = new WeightCache(referenceBackend);
 * const q = QTensor.fromTensor(randomNormal([4, 2], { seed: 1 }));
 * console.log(cache.handleOf(q) === cache.handleOf(q)); // true: uploaded once
 * cache.clear();
 * ```
 */
export class WeightCache {
  readonly backend: Backend;
  /** What is compared on every lookup: a sampled stamp (default) or a digest of every element. */
  readonly check: WeightCheck;
  readonly #handles = new WeakMap<object, { handle: Handle; stamp: number | string }>();
  // Weak: a handle lives as long as its weight (a backend frees a collected handle's memory).
  readonly #made = new Set<WeakRef<Handle>>();

  constructor(backend: Backend, options: { check?: WeightCheck } = {}) {
    this.backend = backend;
    const check = options.check ?? 'sampled';
    if (check !== 'sampled' && check !== 'full') throw new ValueError(`WeightCache: expected check 'sampled' or 'full', got ${describeValue(check)}`);
    this.check = check;
  }

  /** The backend's handle of `weight`, uploaded now if it has none or its contents changed. */
  handleOf(weight: Tensor | QTensor): Handle {
    const stamp = this.check === 'full' ? kernelDigest(weight) : kernelStamp(weight);
    const entry = this.#handles.get(weight);
    if (entry !== undefined && entry.stamp === stamp && this.backend.owns(entry.handle)) return entry.handle;
    if (entry !== undefined) this.release(weight);
    const handle = this.backend.upload(weight);
    this.#handles.set(weight, { handle, stamp });
    this.#made.add(new WeakRef(handle));
    return handle;
  }

  /** Releases the handle of `weight`; true if it had one. */
  release(weight: Tensor | QTensor): boolean {
    const entry = this.#handles.get(weight);
    if (entry === undefined) return false;
    this.#handles.delete(weight);
    this.backend.release(entry.handle);
    return true;
  }

  /** Number of live handles made by this cache. */
  get size(): number {
    let live = 0;
    for (const ref of this.#made) {
      const handle = ref.deref();
      if (handle !== undefined && this.backend.owns(handle)) live++;
      else this.#made.delete(ref);
    }
    return live;
  }

  /** Releases every handle this cache made. */
  clear(): void {
    for (const ref of this.#made) {
      const handle = ref.deref();
      if (handle !== undefined) this.backend.release(handle);
    }
    this.#made.clear();
  }
}
