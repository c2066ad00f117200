/**
 * Error statistics of an approximation against a reference, accumulated in float64.
 *
 * @example
 * ```ts
 * import type { ErrorStatistics } from '@qaxon/quantization';
 * const none: ErrorStatistics = { count: 0, maxAbsError: 0, meanAbsError: 0, sqnrDb: Infinity };
 * ```
 */
export interface ErrorStatistics {
  /** Number of elements compared. */
  count: number;
  /** Largest `|approx - reference|`. */
  maxAbsError: number;
  /** Mean `|approx - reference|`. */
  meanAbsError: number;
  /**
   * Signal-to-quantization-noise ratio in decibels:
   * `10 * log10(Σ reference² / Σ (approx - reference)²)`; `Infinity` when the error is 0.
   */
  sqnrDb: number;
}

/**
 * Accumulates {@link ErrorStatistics} one pair of values at a time (so callers need not
 * materialize a dequantized copy).
 *
 * @example
 * ```ts
 * import { ErrorAccumulator } from '@qaxon/quantization';
 * const errors = new ErrorAccumulator();
 * errors.add(1.02, 1);
 * errors.add(-0.5, -0.5);
 * console.log(errors.result().maxAbsError.toFixed(2)); // 0.02
 * ```
 */
export class ErrorAccumulator {
  private count = 0;
  private signal = 0;
  private noise = 0;
  private absolute = 0;
  private largest = 0;

  /** Adds one `(approx, reference)` pair. */
  add(approx: number, reference: number): void {
    const error = approx - reference;
    const magnitude = Math.abs(error);
    this.count += 1;
    this.signal += reference * reference;
    this.noise += error * error;
    this.absolute += magnitude;
    if (magnitude > this.largest || Number.isNaN(magnitude)) this.largest = magnitude;
  }

  /** Adds every pair of two equally long arrays. */
  addAll(approx: ArrayLike<number>, reference: ArrayLike<number>): void {
    for (let i = 0; i < reference.length; i++) this.add(approx[i]!, reference[i]!);
  }

  /** The statistics so far. */
  result(): ErrorStatistics {
    return {
      count: this.count,
      maxAbsError: this.largest,
      meanAbsError: this.count === 0 ? 0 : this.absolute / this.count,
      sqnrDb: this.noise === 0 ? Infinity : 10 * Math.log10(this.signal / this.noise),
    };
  }
}
