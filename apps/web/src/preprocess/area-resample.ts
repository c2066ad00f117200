/**
 * How one destination index of a 1-D area resample reads the source: the source indices it
 * overlaps and the share of each (shares sum to 1).
 */
interface Footprint {
  indices: number[];
  weights: number[];
}

/** Footprints of `destination` cells spread evenly over `source` cells (box filter, exact overlaps). */
function footprints(source: number, destination: number): Footprint[] {
  const step = source / destination;
  return Array.from({ length: destination }, (_, d) => {
    const start = d * step;
    const end = start + step;
    const indices: number[] = [];
    const weights: number[] = [];
    for (let s = Math.floor(start); s < Math.min(source, Math.ceil(end)); s++) {
      const overlap = Math.min(end, s + 1) - Math.max(start, s);
      if (overlap > 0) {
        indices.push(s);
        weights.push(overlap / step);
      }
    }
    return { indices, weights };
  });
}

/**
 * Resizes a grey image by area averaging (each destination pixel is the mean of the source
 * area it covers, partial pixels weighted by overlap), the way a scanner integrates ink.
 *
 * @example
 * ```ts
 * const out = areaResample(new Float32Array([1, 0, 0, 1]), 2, 2, 1, 1);
 * console.log(out[0]); // 0.5
 * ```
 */
export function areaResample(pixels: Float32Array, width: number, height: number, newWidth: number, newHeight: number): Float32Array {
  for (const [name, value] of [['width', width], ['height', height], ['newWidth', newWidth], ['newHeight', newHeight]] as const) {
    if (!Number.isInteger(value) || value < 1) throw new RangeError(`areaResample: expected ${name} to be an integer >= 1, got ${value}`);
  }
  if (pixels.length !== width * height) {
    throw new RangeError(`areaResample: expected ${width} * ${height} = ${width * height} pixels, got ${pixels.length}`);
  }
  const columns = footprints(width, newWidth);
  const rows = footprints(height, newHeight);
  const horizontal = new Float32Array(newWidth * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < newWidth; x++) {
      const { indices, weights } = columns[x] as Footprint;
      let sum = 0;
      for (let i = 0; i < indices.length; i++) sum += (pixels[y * width + (indices[i] as number)] as number) * (weights[i] as number);
      horizontal[y * newWidth + x] = sum;
    }
  }
  const out = new Float32Array(newWidth * newHeight);
  for (let y = 0; y < newHeight; y++) {
    const { indices, weights } = rows[y] as Footprint;
    for (let x = 0; x < newWidth; x++) {
      let sum = 0;
      for (let i = 0; i < indices.length; i++) sum += (horizontal[(indices[i] as number) * newWidth + x] as number) * (weights[i] as number);
      out[y * newWidth + x] = sum;
    }
  }
  return out;
}
