import { QTensor, Tensor, ValueError, describeValue, formatShape, type StreamedWeight } from '@qaxon/tensor';

/** Rows read per `RowSource.read` call: blocks of about 1 MiB. */
const BLOCK_BYTES = 1 << 20;

/**
 * Reads a {@link StreamedWeight} row block by row block into a host `Tensor` (f32 values)
 * or `QTensor` (s8 values with `scale`, optional `zeroPoint` and `layout`): what the reference
 * backend's `uploadStreamed` holds.
 *
 * @example
 * ```ts
 * import { readStreamedWeight } from '@qaxon/kernel-reference';
 * const values = new Float32Array([1, 2, 3, 4]);
 * const weight = await readStreamedWeight({
 *   values: { shape: [2, 2], dtype: 'f32', read: async (first, count, into) => into.set(values.subarray(first * 2, (first + count) * 2)) },
 * });
 * console.log(weight.shape); // [2, 2]
 * ```
 */
export async function readStreamedWeight(weight: StreamedWeight): Promise<Tensor | QTensor> {
  const source = weight?.values;
  if (source === undefined || typeof source.read !== 'function' || !Array.isArray(source.shape) || source.shape.length !== 2) {
    throw new ValueError(`uploadStreamed: expected a weight whose values are a RowSource of shape [rows, columns], got ${describeValue(source)}`);
  }
  const [rows, columns] = source.shape;
  const quantized = weight.scale !== undefined;
  if (quantized !== (source.dtype === 's8')) {
    throw new ValueError(`uploadStreamed: expected ${quantized ? "s8 values with a scale" : "f32 values without a scale"}, got ${source.dtype} values of shape ${formatShape(source.shape)} ${quantized ? 'with' : 'without'} a scale`);
  }
  const data = source.dtype === 's8' ? new Int8Array(rows * columns) : new Float32Array(rows * columns);
  const rowsPerBlock = Math.max(1, Math.floor(BLOCK_BYTES / Math.max(1, columns * data.BYTES_PER_ELEMENT)));
  for (let first = 0; first < rows; first += rowsPerBlock) {
    const count = Math.min(rowsPerBlock, rows - first);
    await source.read(first, count, data.subarray(first * columns, (first + count) * columns));
  }
  if (data instanceof Int8Array) {
    return new QTensor(new Tensor(data, [rows, columns], 's8'), weight.scale!, weight.zeroPoint, weight.layout);
  }
  return new Tensor(data, [rows, columns], 'f32');
}
