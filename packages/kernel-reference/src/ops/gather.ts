import { QTensor, Tensor, ValueError, formatShape, int4At, gatherOutput, sizeOf, type OpInputs } from '@qaxon/tensor';
import { tensorOf, valueOf } from './host-values.js';

/**
 * `gather`: the rows of `table` at each of `indices` (s32, each in `[0, rows)`, else a
 * `ValueError` naming the position and the value). A quantized table's rows are
 * dequantized as `QTensor.dequantize` does: `f32((q - zeroPoint[i]) · scale[i])` with `i`
 * the scale index of each element (per row with axis 0, the table's row; per column with
 * axis 1; with a group size, `[group, channel]`). 4-bit tables are read packed (two rows
 * per byte row, see `packInt4`).
 */
export function gatherOp({ table, indices }: OpInputs<'gather'>): Tensor {
  const { shape } = gatherOutput({ table, indices });
  const rows = table.shape[0]!;
  const rowSize = sizeOf(table.shape.slice(1));
  const index = tensorOf(indices).data as Int32Array;
  const value = valueOf(table);
  const out = new Float32Array(index.length * rowSize);
  for (let position = 0; position < index.length; position++) {
    const row = index[position]!;
    if (row < 0 || row >= rows) {
      throw new ValueError(`gather: expected every index in [0, ${rows}) for the table ${formatShape(table.shape)}, got ${row} at flat position ${position} of indices ${formatShape(indices.shape)}`);
    }
    if (value instanceof QTensor) {
      const q = value.value.data;
      const scale = value.scale.data;
      const zero = value.zeroPoint.data;
      for (let n = 0; n < rowSize; n++) {
        const s = scaleIndex(value, row, n, rows, rowSize);
        const integer = value.bits === 4 ? int4At(q, rowSize, row, n) : q[row * rowSize + n]!;
        out[position * rowSize + n] = Math.fround((integer - zero[s]!) * scale[s]!);
      }
    } else {
      out.set((value.data as Float32Array).subarray(row * rowSize, (row + 1) * rowSize), position * rowSize);
    }
  }
  return new Tensor(out, shape, 'f32');
}

/** The index into a `[rows, columns]` QTensor's scales and zero points of its element `[row, column]`. */
function scaleIndex(table: QTensor, row: number, column: number, rows: number, columns: number): number {
  const { axis, groupSize } = table;
  const channel = axis === 1 ? column : row;
  if (groupSize === undefined) return channel;
  const along = axis === 1 ? row : column;
  return Math.floor(along / groupSize) * (axis === 1 ? columns : rows) + channel;
}
