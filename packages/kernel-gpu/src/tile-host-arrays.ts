import type { TileUpload } from './kernel-program-types.js';

/** Bytes of a host typed array (or an image's pixels); 0 for anything else. */
export function hostArrayBytes(value: unknown): number {
  if (ArrayBuffer.isView(value)) return value.byteLength;
  const data = (value as { data?: unknown } | null)?.data;
  return value !== null && typeof value === 'object' && ArrayBuffer.isView(data) ? data.byteLength : 0;
}

/**
 * The float weights `[inner, units]` that `tiles` hold packed column by column (each
 * column `innerLength` long), unpacked row-major.
 */
export function unpackTileColumns(tiles: readonly TileUpload[], inner: number, units: number): Float32Array {
  const out = new Float32Array(inner * units);
  for (const upload of tiles) {
    const columns = upload.constants['weights'] as Float32Array;
    const { innerStart, innerEnd, unitStart, unitEnd } = upload.tile;
    const stride = upload.innerLength;
    for (let n = unitStart; n < unitEnd; n++) {
      const from = (n - unitStart) * stride;
      for (let k = innerStart; k < innerEnd; k++) out[k * units + n] = columns[from + k - innerStart]!;
    }
  }
  return out;
}
