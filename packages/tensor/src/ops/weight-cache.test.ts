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

  it("misses a one-element write between the stamp's samples by default, and sees it with check: 'full'", () => {
    const q = QTensor.fromTensor(randomNormal([512, 64], { seed: 6 }));
    const sampled = new WeightCache(countingHostBackend());
    const full = new WeightCache(countingHostBackend(), { check: 'full' });
    const before = [sampled.handleOf(q), full.handleOf(q)];
    q.value.data[5] = q.value.data[5] === 7 ? 8 : 7; // kernelStamp reads every 128th element of 32768
    expect(sampled.handleOf(q)).toBe(before[0]);
    expect(full.handleOf(q)).not.toBe(before[1]);
    expect(full.check).toBe('full');
  });

  it('refuses an unknown check, naming what it got', () => {
    expect(() => new WeightCache(countingHostBackend(), { check: 'every' as 'full' })).toThrow(/expected check 'sampled' or 'full', got 'every'|got "every"/);
  });
});
