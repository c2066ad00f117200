import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planTiles, rowChunks, type TileConstraints } from './tiling.js';

const constraintsArbitrary = fc.record({
  unitsPerGroup: fc.constantFrom(1, 3, 4),
  maxGroups: fc.oneof(fc.integer({ min: 1, max: 9 }), fc.constant(Number.POSITIVE_INFINITY)),
  maxInner: fc.oneof(fc.integer({ min: 1, max: 9 }), fc.constant(Number.POSITIVE_INFINITY)),
  maxTileElements: fc.oneof(fc.integer({ min: 1, max: 200 }), fc.constant(Number.POSITIVE_INFINITY)),
}) as fc.Arbitrary<TileConstraints>;

describe('planTiles', () => {
  it('covers every weight exactly once, within the constraints', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 40 }), constraintsArbitrary, (inner, units, constraints) => {
        const tiles = planTiles(inner, units, constraints);
        const seen = new Uint8Array(inner * units);
        for (const tile of tiles) {
          const rows = tile.innerEnd - tile.innerStart;
          const groups = Math.ceil((tile.unitEnd - tile.unitStart) / constraints.unitsPerGroup);
          expect(rows).toBeGreaterThan(0);
          expect(groups).toBeGreaterThan(0);
          expect(rows).toBeLessThanOrEqual(constraints.maxInner);
          expect(groups).toBeLessThanOrEqual(constraints.maxGroups);
          expect(tile.unitStart % constraints.unitsPerGroup).toBe(0);
          if (constraints.maxTileElements >= constraints.unitsPerGroup) {
            expect(rows * groups * constraints.unitsPerGroup).toBeLessThanOrEqual(constraints.maxTileElements);
          }
          for (let k = tile.innerStart; k < tile.innerEnd; k++) {
            for (let n = tile.unitStart; n < tile.unitEnd; n++) seen[k * units + n]!++;
          }
        }
        expect(seen.every((count) => count === 1)).toBe(true);
      }),
    );
  });

  it('starts row bands at multiples of innerAlign and still covers every weight once', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }), fc.integer({ min: 1, max: 20 }), constraintsArbitrary, (inner, units, constraints) => {
        const aligned = { ...constraints, innerAlign: 4 };
        const tiles = planTiles(inner, units, aligned);
        const seen = new Uint8Array(inner * units);
        for (const tile of tiles) {
          expect(tile.innerStart % 4).toBe(0);
          if (constraints.maxInner >= 4 && constraints.maxTileElements >= 4 * constraints.unitsPerGroup) {
            expect(tile.innerEnd - tile.innerStart).toBeLessThanOrEqual(constraints.maxInner);
          }
          for (let k = tile.innerStart; k < tile.innerEnd; k++) {
            for (let n = tile.unitStart; n < tile.unitEnd; n++) seen[k * units + n]!++;
          }
        }
        expect(seen.every((count) => count === 1)).toBe(true);
      }),
    );
  });

  it('keeps a kernel that fits in one tile, and gives an empty kernel none', () => {
    const roomy = { unitsPerGroup: 4, maxGroups: 1024, maxInner: 4096, maxTileElements: 2 ** 24 };
    expect(planTiles(4096, 4096, roomy)).toEqual([{ innerStart: 0, innerEnd: 4096, unitStart: 0, unitEnd: 4096 }]);
    expect(planTiles(0, 5, roomy)).toEqual([]);
    expect(planTiles(5, 0, roomy)).toEqual([]);
  });

  it('splits past a texture side into near-equal bands', () => {
    const tiles = planTiles(10, 4, { unitsPerGroup: 4, maxGroups: 8, maxInner: 4, maxTileElements: 1000 });
    expect(tiles.map((tile) => [tile.innerStart, tile.innerEnd])).toEqual([
      [0, 4],
      [4, 8],
      [8, 10],
    ]);
  });
});

describe('rowChunks', () => {
  it('splits rows into consecutive chunks of at most maxRows', () => {
    expect(rowChunks(5, 2)).toEqual([
      [0, 2],
      [2, 4],
      [4, 5],
    ]);
    expect(rowChunks(3, 16)).toEqual([[0, 3]]);
    expect(rowChunks(0, 4)).toEqual([]);
  });
});
