import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { columnConstants, denseTileWeights, packTexelImage, packWords24 } from './packing.js';

const whole = (inner: number, units: number) => ({ innerStart: 0, innerEnd: inner, unitStart: 0, unitEnd: units });

describe('packTexelImage', () => {
  it('is a view of the QTensor bytes when rows are whole and units a multiple of 4 (no copy)', () => {
    const values = Int8Array.from({ length: 3 * 8 }, (_, i) => i - 12);
    const image = packTexelImage(values, 8, { innerStart: 1, innerEnd: 3, unitStart: 0, unitEnd: 8 });
    expect(image.data.buffer).toBe(values.buffer);
    expect([image.width, image.height]).toEqual([2, 2]);
    expect(image.data[0]).toBe(values[8]! & 255);
  });

  it('copies and zero-pads a tile whose width is not a multiple of 4', () => {
    const values = Int8Array.from([-128, 127, -1, 5, 6, 7]); // [2, 3]
    const image = packTexelImage(values, 3, whole(2, 3));
    expect(image.data.buffer).not.toBe(values.buffer);
    expect([...image.data]).toEqual([128, 127, 255, 0, 5, 6, 7, 0]);
  });

  it('cuts column tiles out of each row', () => {
    const values = Int8Array.from({ length: 2 * 10 }, (_, i) => i);
    const image = packTexelImage(values, 10, { innerStart: 0, innerEnd: 2, unitStart: 4, unitEnd: 10 });
    expect([image.width, image.height]).toEqual([2, 2]);
    expect([...image.data]).toEqual([4, 5, 6, 7, 8, 9, 0, 0, 14, 15, 16, 17, 18, 19, 0, 0]);
  });
});

describe('packWords24', () => {
  it('round-trips every int8 value through the kernel arithmetic exactly, padding with words worth 0', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 11 }), fc.integer(), (inner, units, seed) => {
        const values = Int8Array.from({ length: inner * units }, (_, i) => ((seed + i * 7919) % 256) - 128);
        const zeroPoints = Int8Array.from({ length: units }, (_, n) => ((seed + n) % 41) - 20);
        const { words, groups, innerPadded } = packWords24(values, zeroPoints, units, whole(inner, units));
        expect(groups % 4).toBe(0);
        expect(groups).toBeGreaterThanOrEqual(Math.ceil(units / 3));
        expect(innerPadded % 4).toBe(0);
        expect(words.length).toBe(groups * innerPadded);
        for (let g = 0; g < groups; g++) {
          for (let k = 0; k < innerPadded; k++) {
            const word = words[g * innerPadded + k]!;
            expect(Number.isInteger(word) && word >= 0 && word < 2 ** 24).toBe(true);
            const high = Math.floor(Math.fround(word * 0.0000152587890625));
            const rest = Math.fround(word - high * 65536);
            const middle = Math.floor(Math.fround(rest * 0.00390625));
            const low = Math.fround(rest - middle * 256);
            const decoded = [low, middle, high];
            for (let c = 0; c < 3; c++) {
              const n = 3 * g + c;
              // what the kernel computes: byte - (128 + zeroPoint), i.e. value - zeroPoint
              const offset = n < units ? 128 + zeroPoints[n]! : 128;
              const expected = n >= units ? 0 : k >= inner ? 0 : values[k * units + n]! - zeroPoints[n]!;
              expect(decoded[c]! - offset).toBe(expected);
            }
          }
        }
      }),
    );
  });
});

describe('columnConstants and denseTileWeights', () => {
  it('slice, map and pad per-column values', () => {
    expect([...columnConstants(Int8Array.from([1, -2, 3]), 1, 3, 6, 128, (zero) => 128 + zero)]).toEqual([126, 131, 128, 128, 128, 128]);
  });

  it('view whole-row tiles and copy column tiles', () => {
    const w = Float32Array.from([1, 2, 3, 4, 5, 6]);
    expect(denseTileWeights(w, 3, { innerStart: 1, innerEnd: 2, unitStart: 0, unitEnd: 3 }).buffer).toBe(w.buffer);
    expect([...denseTileWeights(w, 3, { innerStart: 0, innerEnd: 2, unitStart: 2, unitEnd: 3 })]).toEqual([3, 6]);
  });
});
