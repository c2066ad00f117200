/**
 * Size limits that decide how a kernel `[inner, units]` is cut into tiles, each uploaded
 * once as its own gpu.js constant, and how many rows of `x` one kernel call computes.
 *
 * @example
 * ```ts
 * import type { GpuTileLimits } from '@qaxon/kernel-gpu/internals';
 * // Force tiny tiles, e.g. to test tiling without huge tensors:
 * const limits: Partial<GpuTileLimits> = { maxTextureSize: 16, maxTileElements: 256 };
 * ```
 */
export interface GpuTileLimits {
  /** Largest texture side on GL modes (default: what the context reports). */
  maxTextureSize: number;
  /** Most weights one tile holds (default `2^24`: flat indices stay exact in float32). */
  maxTileElements: number;
  /** Most rows of `x` one call computes (default 4096 on GL and CPU, 16 on WebAssembly and WebGPU). */
  maxRowsPerCall: number;
}

/**
 * One tile of a kernel: rows `[innerStart, innerEnd)` and columns `[unitStart, unitEnd)`.
 *
 * @example
 * ```ts
 * import type { KernelTile } from '@qaxon/kernel-gpu/internals';
 * const whole: KernelTile = { innerStart: 0, innerEnd: 4096, unitStart: 0, unitEnd: 4096 };
 * ```
 */
export interface KernelTile {
  /** First kernel row (of `K`). */
  innerStart: number;
  /** One past the last kernel row. */
  innerEnd: number;
  /** First output column. */
  unitStart: number;
  /** One past the last output column. */
  unitEnd: number;
}

/**
 * The limits a kernel program places on one tile.
 *
 * @example
 * ```ts
 * import type { TileConstraints } from '@qaxon/kernel-gpu/internals';
 * // int8 packed 4 per RGBA8 texel, texture sides up to 8192:
 * const texel: TileConstraints = { unitsPerGroup: 4, maxGroups: 8192, maxInner: 8192, maxTileElements: 2 ** 24 };
 * ```
 */
export interface TileConstraints {
  /** Output columns one kernel thread computes (the packing width). */
  unitsPerGroup: number;
  /** Most column groups in one tile. */
  maxGroups: number;
  /** Most kernel rows in one tile. */
  maxInner: number;
  /** Most (padded) weights in one tile. */
  maxTileElements: number;
  /** Row bands start at multiples of this (default 1): programs that unroll `k` pad each tile to it. */
  innerAlign?: number;
}

/**
 * Cuts a kernel `[inner, units]` into tiles that respect `constraints`: as few as possible,
 * of near-equal sizes, column tiles a multiple of `unitsPerGroup` wide, row bands starting
 * at multiples of `innerAlign` (limits smaller than one aligned block are exceeded to one
 * block). A kernel that fits is one tile; an empty kernel (`inner` or `units` 0) has none.
 *
 * @example
 * ```ts
 * import { planTiles } from '@qaxon/kernel-gpu/internals';
 * const tiles = planTiles(10, 8, { unitsPerGroup: 4, maxGroups: 1, maxInner: 4, maxTileElements: 64 });
 * console.log(tiles.length); // 6: three row bands x two column bands
 * ```
 */
export function planTiles(inner: number, units: number, constraints: TileConstraints): KernelTile[] {
  const { unitsPerGroup, maxGroups, maxInner, maxTileElements } = constraints;
  const align = Math.max(1, constraints.innerAlign ?? 1);
  const groups = Math.ceil(units / unitsPerGroup);
  const elementGroups = Math.max(1, Math.floor(maxTileElements / (unitsPerGroup * align)));
  const groupsPerTile = Math.max(1, Math.min(groups, maxGroups, elementGroups));
  const columnBands = Math.max(1, Math.ceil(groups / groupsPerTile));
  const bandGroups = Math.ceil(groups / columnBands);
  const innerLimit = Math.min(inner, maxInner, Math.floor(maxTileElements / (bandGroups * unitsPerGroup)));
  const innerPerTile = Math.max(1, innerLimit);
  const rowBands = Math.max(1, Math.ceil(inner / innerPerTile));
  let bandInner = Math.ceil(inner / rowBands);
  if (align > 1) {
    const alignedUp = Math.ceil(bandInner / align) * align;
    // Round the band up to the alignment where the limits allow it, else down (more bands);
    // never below one aligned block.
    bandInner = alignedUp <= innerPerTile || rowBands === 1 ? alignedUp : Math.max(align, Math.floor(bandInner / align) * align);
  }

  const tiles: KernelTile[] = [];
  for (let innerStart = 0; innerStart < inner; innerStart += bandInner) {
    for (let group = 0; group < groups; group += bandGroups) {
      tiles.push({
        innerStart,
        innerEnd: Math.min(inner, innerStart + bandInner),
        unitStart: group * unitsPerGroup,
        unitEnd: Math.min(units, (group + bandGroups) * unitsPerGroup),
      });
    }
  }
  return tiles;
}

/**
 * Splits `rows` into consecutive `[start, end)` chunks of at most `maxRows`.
 *
 * @example
 * ```ts
 * import { rowChunks } from '@qaxon/kernel-gpu/internals';
 * console.log(rowChunks(5, 2)); // [[0, 2], [2, 4], [4, 5]]
 * ```
 */
export function rowChunks(rows: number, maxRows: number): [number, number][] {
  const chunks: [number, number][] = [];
  const step = Math.max(1, Math.floor(maxRows));
  for (let start = 0; start < rows; start += step) chunks.push([start, Math.min(rows, start + step)]);
  return chunks;
}
