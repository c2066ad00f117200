/**
 * The median of `samples` (the mean of the two middle values for an even count). The
 * input is not modified.
 *
 * @example
 * ```ts
 * console.log(median([3, 1, 2]), median([4, 1, 3, 2])); // 2 2.5
 * ```
 */
export function median(samples: readonly number[]): number {
  if (samples.length === 0) throw new RangeError('median: expected at least one sample, got none');
  for (const [index, sample] of samples.entries()) {
    if (!Number.isFinite(sample)) throw new RangeError(`median: expected finite samples, got ${sample} at index ${index}`);
  }
  const sorted = [...samples].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/**
 * The spread of `samples` around their median: the median absolute deviation divided by
 * the median (0 for identical samples), a robust "how noisy was this" figure.
 *
 * @example
 * ```ts
 * console.log(relativeSpread([10, 11, 9])); // 0.1
 * ```
 */
export function relativeSpread(samples: readonly number[]): number {
  const center = median(samples);
  if (center === 0) return 0;
  return median(samples.map((sample) => Math.abs(sample - center))) / center;
}
