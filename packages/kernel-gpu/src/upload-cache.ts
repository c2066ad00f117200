/**
 * Something the {@link UploadCache} holds and frees.
 *
 * @example
 * ```ts
 * import type { Releasable } from '@qaxon/kernel-gpu/internals';
 * const entry: Releasable = { release: () => console.log('freed') };
 * ```
 */
export interface Releasable {
  /** Frees the device memory held. Called once. */
  release(): void;
}

/**
 * Uploads cached per kernel tensor: a `WeakMap` keyed by the `Tensor` or `QTensor` (so a
 * kernel is uploaded once, however often it is used), plus the set of live entries so that
 * `clear()` frees them all. When a key is garbage-collected its entry is released too (a
 * `FinalizationRegistry`), so dropping a model frees its device memory even without
 * `dispose()`. Entries must not reference their key. Each entry keeps the stamp of its
 * key's contents when it was made (`kernelStamp` from `@qaxon/tensor`): {@link UploadCache.current}
 * releases an entry whose key was written into since, so it is uploaded again.
 *
 * @example
 * ```ts
 * import { UploadCache } from '@qaxon/kernel-gpu/internals';
 * const cache = new UploadCache<{ release(): void }>();
 * const key = {};
 * cache.set(key, { release: () => console.log('freed') });
 * cache.clear(); // freed
 * ```
 */
export class UploadCache<V extends Releasable> {
  readonly #entries = new WeakMap<object, V>();
  readonly #live = new Set<V>();
  readonly #stamps = new WeakMap<V, number>();
  readonly #registry = new FinalizationRegistry<V>((entry) => this.#release(entry));

  /** The entry of `key`, if uploaded. */
  get(key: object): V | undefined {
    return this.#entries.get(key);
  }

  /** The entry of `key` if it was made from contents of `stamp`; a stale entry is released. */
  current(key: object, stamp: number): V | undefined {
    const entry = this.#entries.get(key);
    if (entry === undefined || this.#stamps.get(entry) === stamp) return entry;
    this.delete(key);
    return undefined;
  }

  /** Caches `entry` for `key` (made from contents of `stamp`), releasing any entry `key` had. */
  set(key: object, entry: V, stamp = 0): void {
    this.delete(key);
    this.#entries.set(key, entry);
    this.#stamps.set(entry, stamp);
    this.#live.add(entry);
    this.#registry.register(key, entry, entry);
  }

  /** Releases and forgets the entry of `key`; false when there was none. */
  delete(key: object): boolean {
    const entry = this.#entries.get(key);
    if (entry === undefined) return false;
    this.#entries.delete(key);
    this.#registry.unregister(entry);
    this.#release(entry);
    return true;
  }

  /** Releases every entry. */
  clear(): void {
    for (const entry of [...this.#live]) {
      this.#registry.unregister(entry);
      this.#release(entry);
    }
  }

  /** The live entries. */
  values(): IterableIterator<V> {
    return this.#live.values();
  }

  /** How many entries are live. */
  get size(): number {
    return this.#live.size;
  }

  #release(entry: V): void {
    if (!this.#live.delete(entry)) return;
    entry.release();
  }
}
