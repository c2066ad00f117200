import { DTypeError, ShapeError } from '../../errors.js';
import { formatShape } from '../../shape.js';
import type { OpOutput } from './op-output.js';
import { checkPlainInput } from './check-input.js';
import type { TensorSpec } from '../tensor-spec.js';

/**
 * Output rule of `gather`: `table` an f32 tensor of rank >= 1, or a quantized weight
 * `[rows, columns]` (8 or 4 bits, in any layout: per row along axis 0 as embedding tables
 * are, per column along axis 1, with or without groups); `indices` s32 of any
 * rank. The output is f32 `[...indices.shape, ...table.shape.slice(1)]`. Whether each index
 * is in `[0, rows)` depends on the data: the kernel checks it.
 *
 * @example
 * ```ts
 * import { gatherOutput, ones, zeros } from '@qaxon/tensor';
 * console.log(gatherOutput({ table: ones([10, 4]), indices: zeros([2, 3], 's32') }).shape); // [2, 3, 4]
 * ```
 */
export function gatherOutput(inputs: { table: TensorSpec; indices: TensorSpec }): OpOutput {
  const { table } = inputs;
  if (table !== undefined && table !== null && table.quantization !== undefined) {
    const q = table.quantization;
    if ((q.bits !== 8 && q.bits !== 4) || table.shape.length !== 2 || (q.axis !== 0 && q.axis !== 1)) {
      throw new DTypeError(
        `gather: expected a quantized table to be 8-bit or 4-bit [rows, columns] with its scales along axis 0 or 1, got ${String(q.bits)}-bit shape ${formatShape(table.shape)} quantized along axis ${q.axis}`,
      );
    }
    const reduced = table.shape[q.axis === 1 ? 0 : 1]!;
    if (q.groupSize !== undefined && (!Number.isInteger(q.groupSize) || q.groupSize < 1 || (q.bits === 8 && reduced % q.groupSize !== 0))) {
      throw new ShapeError(
        `gather: expected a quantized table's group size to divide axis ${q.axis === 1 ? 0 : 1} (size ${reduced}) of ${formatShape(table.shape)}, got group size ${q.groupSize}`,
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
