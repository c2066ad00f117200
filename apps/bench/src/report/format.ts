/**
 * Bytes as MiB with one decimal (`64.0 MiB`), or KiB below 1 MiB.
 *
 * @example
 * ```ts
 * console.log(formatBytes(2 ** 26), formatBytes(3072), formatBytes(0)); // '64.0 MiB' '3.0 KiB' '0'
 * ```
 */
export function formatBytes(bytes: number): string {
  if (bytes === 0) return '0';
  return bytes >= 2 ** 20 ? `${(bytes / 2 ** 20).toFixed(1)} MiB` : `${(bytes / 1024).toFixed(1)} KiB`;
}

/**
 * Milliseconds with three significant digits (`0.123 ms`, `12.3 ms`, `4,320 ms`).
 *
 * @example
 * ```ts
 * console.log(formatMs(0.12345), formatMs(4321.9)); // '0.123 ms' '4,322 ms'
 * ```
 */
export function formatMs(ms: number): string {
  if (ms >= 1000) return `${Math.round(ms).toLocaleString('en-US')} ms`;
  return `${Number(ms.toPrecision(3))} ms`;
}

/**
 * A ratio as `1.23×` (two decimals, three significant digits below 0.1).
 *
 * @example
 * ```ts
 * console.log(formatRatio(2), formatRatio(0.0123)); // '2.00×' '0.0123×'
 * ```
 */
export function formatRatio(ratio: number | undefined): string {
  if (ratio === undefined) return '–';
  return ratio >= 0.1 ? `${ratio.toFixed(2)}×` : `${Number(ratio.toPrecision(3))}×`;
}

/**
 * A small difference in scientific notation (`1.2e-7`), `0` for zero.
 *
 * @example
 * ```ts
 * console.log(formatDifference(0.000000123), formatDifference(0)); // '1.2e-7' '0'
 * ```
 */
export function formatDifference(value: number | undefined): string {
  if (value === undefined) return '–';
  if (value === 0) return '0';
  if (value >= Number.MAX_VALUE) return 'not finite';
  return value.toExponential(1);
}
