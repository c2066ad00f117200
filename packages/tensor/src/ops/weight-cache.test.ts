import { describe, expect, it } from 'vitest';
import { QTensor } from '../qtensor.js';
import { randomNormal } from '../random.js';
import { WeightCache } from './weight-cache.js';
import { countingHostBackend } from './test-support/host-backend.js';

describe('WeightCache', () => {
  it('uploads a weight once and finds it again by identity', () => {
    const backend = countingHostBackend();
    const cache = new WeightCache(backend);
    const q = QTensor.fromTensor(randomNormal([8, 4], { seed: 1 }));
    const first = cache.handleOf(q);
    expect(cache.handleOf(q)).toBe(first);
    expect(backend.counts.uploads).toBe(1);
    expect(cache.size).toBe(1);
  });

  it('uploads again after a bulk write into the weight, releasing the stale handle', () => {
    const backend = countingHostBackend();
    const cache = new WeightCache(backend);
    const w = randomNormal([8, 4], { seed: 2 });
    const first = cache.handleOf(w);
    w.data.fill(3);
    const second = cache.handleOf(w);
    expect(second).not.toBe(first);
    expect(backend.owns(first)).toBe(false);
    expect(backend.counts.uploads).toBe(2);
  });

  it('uploads again when the backend released the handle behind its back', () => {
    const backend = countingHostBackend();
    const cache = new WeightCache(backend);
    const w = randomNormal([2, 2], { seed: 3 });
    backend.release(cache.handleOf(w));
    expect(backend.owns(cache.handleOf(w))).toBe(true);
  });

  it('release and clear free the handles on the backend', () => {
    const backend = countingHostBackend();
    const cache = new WeightCache(backend);
    const a = randomNormal([2, 2], { seed: 4 });
    const b = randomNormal([2, 2], { seed: 5 });
    const handleA = cache.handleOf(a);
    const handleB = cache.handleOf(b);
    expect(cache.release(a)).toBe(true);
    expect(cache.release(a)).toBe(false);
    expect(backend.owns(handleA)).toBe(false);
    cache.clear();
    expect(backend.owns(handleB)).toBe(false);
    expect(cache.size).toBe(0);
  });
});
