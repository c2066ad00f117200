import { DTypeError, ShapeError } from '../../errors.js';
import { formatShape } from '../../shape.js';
import type { OpOutput } from './op-output.js';
import { checkPlainInput, type InputSpec } from './check-input.js';

/**
 * Output rule of `gather`: `table` an f32 tensor of rank >= 1, or a quantized 8-bit
 * weight `[rows, columns]` with one scale per channel (no groups); `indices` s32 of any
 * rank. The output is f32 `[...indices.shape, ...table.shape.slice(1)]`. Whether each index
 * is in `[0, rows)` depends on the data: the kernel checks it.
 *
 * @example
 * ```ts
 * import { gatherOutput, ones, zeros } from '@qaxon/tensor';
 * console.log(gatherOutput({ table: ones([10, 4]), indices: zeros([2, 3], 's32') }).shape); // [2, 3, 4]
 * ```
 */
export function gatherOutput(inputs: { table: InputSpec; indices: InputSpec }): OpOutput {
  const { table } = inputs;
  if (table !== undefined && table !== null && table.quantization !== undefined) {
    const q = table.quantization;
    if (q.bits !== 8 || q.groupSize !== undefined || table.shape.length !== 2) {
      throw new DTypeError(
        `gather: expected a quantized table to be 8-bit [rows, columns] with one scale per channel, got ${q.bits}-bit shape ${formatShape(table.shape)} with group size ${String(q.groupSize)}`,
      );
    }
  } else {
    checkPlainInput('gather', 'table', table, ['f32'], 1);
  }
  const indices = checkPlainInput('gather', 'indices', inputs.indices, ['s32']);
  if (table.shape[0] === 0 && indices.shape.every((d) => d > 0)) {
    throw new ShapeError(`gather: the table ${formatShape(table.shape)} has no rows, so no index of indices ${formatShape(indices.shape)} can be in range`);
  }
  return { shape: [...indices.shape, ...table.shape.slice(1)], dtype: 'f32' };
}
