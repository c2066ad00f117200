import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CLASSES, PIXELS, SPLIT_SEED, TEST_DIGITS, loadAllDigits, selectDigits, splitDigits, stratifiedSplit } from './data.js';

describe('loadAllDigits', () => {
  it('reads the 10,000 bundled digits with labels 0..9 and grey levels in [0, 1]', () => {
    const all = loadAllDigits();
    expect(all.count).toBe(10_000);
    expect(all.images.length).toBe(10_000 * PIXELS);
    expect(new Set(all.labels).size).toBe(CLASSES);
    let low = Infinity;
    let high = -Infinity;
    for (const value of all.images) {
      low = Math.min(low, value);
      high = Math.max(high, value);
    }
    expect([low, high]).toEqual([0, 1]);
    expect(loadAllDigits()).toBe(all);
  });
});

describe('splitDigits', () => {
  it('is the same split every time: 8,000 train and 2,000 test digits, disjoint, covering all', () => {
    const first = splitDigits();
    const second = splitDigits();
    expect(first.train.count).toBe(8_000);
    expect(first.test.count).toBe(TEST_DIGITS);
    expect(Array.from(second.test.ids)).toEqual(Array.from(first.test.ids));
    expect(Array.from(second.train.ids)).toEqual(Array.from(first.train.ids));
    const trainIds = new Set(first.train.ids);
    expect(first.test.ids.some((id) => trainIds.has(id))).toBe(false);
    expect(new Set([...first.train.ids, ...first.test.ids]).size).toBe(10_000);
  });

  it('pins the held-out digits (changing the seed or the algorithm would leak training digits into the test set)', () => {
    const { test } = splitDigits();
    expect(SPLIT_SEED).toBe(20_240_808);
    expect(Array.from(test.ids.subarray(0, 8))).toEqual([0, 1, 5, 11, 12, 25, 26, 29]);
    let hash = 0;
    for (const id of test.ids) hash = (Math.imul(hash, 31) + id) >>> 0;
    expect(hash).toBe(4_093_815_422);
  });

  it('keeps the labels and pixels of the digits it selects', () => {
    const all = loadAllDigits();
    const { test } = splitDigits();
    for (const index of [0, 999, 1999]) {
      const id = test.ids[index]!;
      expect(test.labels[index]).toBe(all.labels[id]);
      expect(test.images.subarray(index * PIXELS, (index + 1) * PIXELS)).toEqual(all.images.subarray(id * PIXELS, (id + 1) * PIXELS));
    }
  });

  it('is stratified: each class gives 20% of its digits (rounded) to the test set', () => {
    const all = loadAllDigits();
    const { test } = splitDigits();
    for (let label = 0; label < CLASSES; label++) {
      const total = all.labels.filter((value) => value === label).length;
      const held = test.labels.filter((value) => value === label).length;
      expect(Math.abs(held - total / 5)).toBeLessThan(1);
    }
  });
});

describe('stratifiedSplit', () => {
  it('holds out exactly the count asked for, disjoint from the kept part, for any labels and seed', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 1, maxLength: 60 }), fc.nat(), fc.integer(), (labels, fraction, seed) => {
        const bytes = Uint8Array.from(labels);
        const heldOut = fraction % (labels.length + 1);
        const split = stratifiedSplit(bytes, heldOut, seed);
        expect(split.heldOut.length).toBe(heldOut);
        expect([...split.kept, ...split.heldOut].sort((a, b) => a - b)).toEqual(labels.map((_, i) => i));
        expect(stratifiedSplit(bytes, heldOut, seed)).toEqual(split);
      }),
    );
  });

  it('takes the same share of every class', () => {
    const labels = Uint8Array.from({ length: 100 }, (_, i) => (i < 50 ? 0 : 1));
    const { heldOut } = stratifiedSplit(labels, 10, 3);
    expect(heldOut.filter((position) => position < 50).length).toBe(5);
  });

  it('refuses a held-out count outside [0, length]', () => {
    expect(() => stratifiedSplit(new Uint8Array(3), 4, 1)).toThrow('expected a held-out count in [0, 3], got 4');
  });
});

describe('selectDigits', () => {
  it('refuses positions outside the set, naming the index', () => {
    const { test } = splitDigits();
    expect(() => selectDigits(test, [0, 2000])).toThrow('expected positions in [0, 2000), got 2000 at index 1');
  });
});
