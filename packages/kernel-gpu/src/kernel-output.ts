import { GpuBackendError } from './errors.js';
import type { KernelTile } from './tiling.js';

type Indexable = ArrayLike<unknown>;

/**
 * Adds what one gpu.js kernel call returned (a `[groups, callRows * parts]` output: one
 * array per row, holding numbers or, for `Array(n)` returns, `n`-element arrays) into `out`,
 * the row-major `[rows, units]` result: output row `y` (part `y % parts` of row
 * `m = y / parts`, for `m < rows`) and thread `g` add into
 * `out[(rowStart + m) * units + tile.unitStart + g * components + c]`. Padding columns and
 * padding rows are skipped; partial sums (split K, tiles that split `inner`) add up.
 *
 * @example
 * ```ts
 * import { addKernelOutput } from '@qaxon/kernel-gpu/internals';
 * const out = new Float32Array(4);
 * const tile = { innerStart: 0, innerEnd: 8, unitStart: 0, unitEnd: 2 };
 * addKernelOutput([Float32Array.from([1, 2]), Float32Array.from([3, 4])], out, 2, 0, 2, tile, 1);
 * console.log([...out]); // [1, 2, 3, 4]
 * ```
 */
export function addKernelOutput(
  result: unknown,
  out: Float32Array,
  units: number,
  rowStart: number,
  rows: number,
  tile: KernelTile,
  components: number,
  parts = 1,
): void {
  const columns = tile.unitEnd - tile.unitStart;
  const rowsOf = asRows(result, rows * parts);
  for (let y = 0; y < rows * parts; y++) {
    const row = rowsOf[y] as Indexable | undefined;
    if (row === undefined || typeof row !== 'object') throw missing(y, result);
    const base = (rowStart + Math.floor(y / parts)) * units + tile.unitStart;
    if (components === 1) {
      for (let j = 0; j < columns; j++) out[base + j]! += row[j] as number;
      continue;
    }
    const groups = Math.ceil(columns / components);
    for (let g = 0; g < groups; g++) {
      const cell = row[g] as Indexable;
      const count = Math.min(components, columns - g * components);
      for (let c = 0; c < count; c++) out[base + g * components + c]! += cell[c] as number;
    }
  }
}

function asRows(result: unknown, rows: number): Indexable {
  if (result === null || typeof result !== 'object' || !('length' in result)) throw missing(0, result);
  const indexable = result as Indexable;
  // A one-row scalar output may come back flat.
  if (rows === 1 && typeof indexable[0] === 'number') return [indexable];
  return indexable;
}

function missing(row: number, result: unknown): GpuBackendError {
  const kind = result === null ? 'null' : Array.isArray(result) ? `an array of ${result.length}` : typeof result;
  return new GpuBackendError(`gpu.js returned an output without row ${row} (got ${kind}); the kernel did not run as expected`);
}
