import { checkShape, describeValue, formatShape, QTensor, Tensor, ValueError, type StreamedWeight } from '@qaxon/tensor';
import type { WasmHeap } from '../memory/wasm-heap.js';
import type { KernelExports } from '../wasm/kernel-exports.js';
import { allocate, PANEL_WIDTH, STAGING_BYTES, sumBytes, type KernelUpload } from './kernel-upload.js';
import type { StagingBuffers } from './staging-buffers.js';

/**
 * Places a weight read row block by row block straight into the module's memory as
 * panels: each block of rows goes through one bounded host buffer (256 KiB, reused from
 * `buffers`) and one staging block of the same size in the module's memory, so neither
 * the host nor the module ever holds a second whole copy. Int8 values stay int8. Symmetric zero points need nothing; other
 * zero points are kept as f32 and subtracted after the sum (they cannot be folded into
 * the values without reading every value first).
 *
 * @example
 * ```text
 * const upload = await uploadStreamedKernel(heap, exports, buffers, { values: rowSource, scale });
 * ```
 */
export async function uploadStreamedKernel(heap: WasmHeap, exports: KernelExports, buffers: StagingBuffers, weight: StreamedWeight): Promise<KernelUpload> {
  checkStreamedWeight(weight);
  const { values, scale, zeroPoint } = weight;
  const [depth, units] = values.shape;
  const quantized = scale !== undefined;
  const panels = Math.ceil(units / PANEL_WIDTH);
  const padded = panels * PANEL_WIDTH;
  const elementBytes = quantized ? 1 : 4;
  const blocks: number[] = [];
  let staging = 0;
  try {
    const weights = allocate(heap, blocks, depth * padded * elementBytes);
    let scaleBlock = 0;
    let zeroPoints = 0;
    if (quantized) {
      scaleBlock = allocate(heap, blocks, padded * 4);
      heap.f32(scaleBlock, padded).fill(0).set(scale.data);
      if (zeroPoint !== undefined && zeroPoint.data.some((z) => z !== 0)) {
        zeroPoints = allocate(heap, blocks, padded * 4);
        heap.f32(zeroPoints, padded).fill(0).set(zeroPoint.data);
      }
    }
    if (depth > 0 && units > 0) {
      const rowBytes = units * elementBytes;
      const rowsPerSlice = Math.max(1, Math.min(depth, Math.floor(STAGING_BYTES / rowBytes)));
      const host = buffers.take(rowsPerSlice * rowBytes);
      try {
        const buffer = quantized ? new Int8Array(host, 0, rowsPerSlice * units) : new Float32Array(host, 0, rowsPerSlice * units);
        staging = heap.allocate(rowsPerSlice * rowBytes);
        for (let firstRow = 0; firstRow < depth; firstRow += rowsPerSlice) {
          const rowCount = Math.min(rowsPerSlice, depth - firstRow);
          const into = buffer.subarray(0, rowCount * units);
          await values.read(firstRow, rowCount, into);
          // Views are made after the await: another upload may have grown the memory meanwhile.
          if (into instanceof Int8Array) {
            heap.i8(staging, into.length).set(into);
            exports.packS8(staging, firstRow, rowCount, depth, units, 0, weights);
          } else {
            heap.f32(staging, into.length).set(into);
            exports.packF32(staging, firstRow, rowCount, depth, units, weights);
          }
        }
      } finally {
        buffers.giveBack(host);
      }
    }
    return {
      kind: quantized ? 's8' : 'f32',
      depth,
      units,
      panels,
      weights,
      scale: scaleBlock,
      zeroPoints,
      bytes: sumBytes(heap, blocks),
      blocks,
      live: true,
    };
  } catch (error) {
    for (const block of blocks) heap.release(block);
    throw error;
  } finally {
    if (staging !== 0) heap.release(staging);
  }
}

/**
 * Refuses what `uploadStreamed` cannot place, before anything is read or allocated: values
 * that are not a rank-2 row source, s8 values without a scale (or f32 values with one),
 * and scales or zero points a `QTensor` would refuse (checked on a one-row stand-in).
 */
function checkStreamedWeight(weight: StreamedWeight): void {
  const source = weight?.values;
  if (source === undefined || typeof source.read !== 'function' || !Array.isArray(source.shape) || source.shape.length !== 2) {
    throw new ValueError(`uploadStreamed: expected a weight whose values are a RowSource of shape [rows, columns], got ${describeValue(source)}`);
  }
  checkShape(source.shape, 'uploadStreamed');
  const quantized = weight.scale !== undefined;
  if (quantized !== (source.dtype === 's8')) {
    throw new ValueError(
      `uploadStreamed: expected ${quantized ? 's8 values with a scale' : 'f32 values without a scale'}, got ${String(source.dtype)} values of shape ${formatShape(source.shape)} ${quantized ? 'with' : 'without'} a scale`,
    );
  }
  if (quantized) new QTensor(new Tensor(new Int8Array(source.shape[1]), [1, source.shape[1]], 's8'), weight.scale, weight.zeroPoint);
}
