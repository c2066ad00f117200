/**
 * How far `output` is from `oracle`: the largest absolute difference, and that difference
 * over the largest |oracle| value (0 when the oracle is all zeros and so is the output).
 *
 * @example
 * ```ts
 * console.log(compareWithOracle([1, 2.5], [1, 2])); // { maxAbsDiff: 0.5, maxRelDiff: 0.25 }
 * ```
 */
export function compareWithOracle(output: readonly number[], oracle: readonly number[]): { maxAbsDiff: number; maxRelDiff: number } {
  if (output.length !== oracle.length) {
    throw new RangeError(`compareWithOracle: expected ${oracle.length} outputs (as many as the oracle), got ${output.length}`);
  }
  let maxAbsDiff = 0;
  let scale = 0;
  for (let i = 0; i < oracle.length; i++) {
    const difference = Math.abs(output[i]! - oracle[i]!);
    // A NaN output is infinitely far from the oracle.
    maxAbsDiff = Math.max(maxAbsDiff, Number.isNaN(difference) ? Infinity : difference);
    scale = Math.max(scale, Math.abs(oracle[i]!));
  }
  return { maxAbsDiff, maxRelDiff: scale === 0 ? (maxAbsDiff === 0 ? 0 : Infinity) : maxAbsDiff / scale };
}

/**
 * The share of rows (of `classes` values each) whose largest value sits at the same index
 * in `output` as in `reference`.
 *
 * @example
 * ```ts
 * console.log(argmaxAgreement([0.1, 0.9, 0.8, 0.2], [0.2, 0.8, 0.3, 0.7], 2)); // 0.5
 * ```
 */
export function argmaxAgreement(output: readonly number[], reference: readonly number[], classes: number): number {
  if (output.length !== reference.length || output.length % classes !== 0 || output.length === 0) {
    throw new RangeError(`argmaxAgreement: expected two equal, non-empty lists of rows of ${classes} values, got ${output.length} and ${reference.length} values`);
  }
  const rows = output.length / classes;
  let agreeing = 0;
  for (let row = 0; row < rows; row++) {
    if (argmax(output, row * classes, classes) === argmax(reference, row * classes, classes)) agreeing++;
  }
  return agreeing / rows;
}

function argmax(values: readonly number[], offset: number, count: number): number {
  let best = 0;
  for (let i = 1; i < count; i++) if (values[offset + i]! > values[offset + best]!) best = i;
  return best;
}
