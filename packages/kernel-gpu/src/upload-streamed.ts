import { QTensor, Tensor, type StreamedWeight } from '@qaxon/tensor';
import type { BackendContext } from './backend-context.js';
import { splitInner } from './call-shapes.js';
import type { GpuHandle } from './handles/gpu-handle.js';
import { kernelProgram } from './kernel-programs.js';
import { planTiles } from './tiling.js';
import { untouchedZeros } from './untouched-zeros.js';
import { UploadedWeights } from './uploaded-weights.js';

/**
 * WebAssembly: a 2D float or per-channel int8 weight streamed straight into the memory of
 * its single-row kernels, packed row block by row block (no host copy of the whole
 * weight, row-major or packed); `undefined` where that does not apply.
 */
export async function uploadStreamedInPlace(context: BackendContext, { values, scale, zeroPoint, layout }: StreamedWeight): Promise<GpuHandle | undefined> {
  if (context.mode !== 'webasm' || values.shape.length !== 2) return undefined;
  const [rows, columns] = values.shape;
  if (rows === 0 || columns === 0) return undefined;
  let q: QTensor | undefined;
  if (scale !== undefined) {
    // Its values are never read: an untouched zero array stands for them.
    q = new QTensor(new Tensor(untouchedZeros(Int8Array, rows * columns), [rows, columns], 's8'), scale, zeroPoint, layout);
    const { bits, groupSize, axis } = q.quantization;
    if (bits !== 8 || groupSize !== undefined || axis !== 1 || values.dtype !== 's8') return undefined;
  } else if (values.dtype !== 'f32') {
    return undefined;
  }
  const pending = context.pending();
  if (pending !== undefined) await pending;
  context.assertLive('uploadStreamed');
  const program = kernelProgram(q === undefined ? 'dense' : 'quantizedDense', context.mode);
  if (program.emptyUpload === undefined || program.writeRows === undefined) return undefined;
  const zeros = (length: number): Float32Array => context.placeholder.take(length);
  const uploads = planTiles(rows, columns, program.constraints(context.limits)).map((tile) => program.emptyUpload!(rows, columns, tile, q, zeros));
  const stride = Math.ceil(rows / program.innerAlign) * program.innerAlign;
  const weights = new UploadedWeights(context.gpu, context.mode, program, stride, uploads, context.threads);
  try {
    const targets: Float32Array[] = [];
    for (let index = 0; index < uploads.length; index++) {
      const { parts, chunk } = splitInner(context, program.splitsInner, uploads[index]!, 1, program.innerAlign);
      const target = await weights.placeOnDevice(index, parts, chunk);
      if (target === undefined) {
        weights.release();
        return undefined;
      }
      targets.push(target);
    }
    const block = Math.max(1, Math.floor((1 << 20) / columns));
    const buffer = q === undefined ? new Float32Array(block * columns) : new Int8Array(block * columns);
    for (let first = 0; first < rows; first += block) {
      const count = Math.min(block, rows - first);
      const part = buffer.subarray(0, count * columns);
      await values.read(first, count, part);
      uploads.forEach((upload, index) => {
        if (first < upload.tile.innerEnd && first + count > upload.tile.innerStart) program.writeRows!(targets[index]!, upload, part, first, count, columns, q);
      });
    }
    context.assertLive('uploadStreamed');
  } catch (error) {
    weights.release();
    throw error;
  }
  if (q === undefined) return context.make({ kind: 'weights', weights, float: { inner: rows, units: columns } }, [rows, columns], 'f32');
  return context.make({ kind: 'weights', weights }, [rows, columns], 'f32', q.quantization);
}

/**
 * A streamed weight read whole into one host array, in row blocks of about 1 MiB (the
 * packing then copies from it): a Tensor, or a QTensor when the weight has a scale.
 * Throws `GpuBackendError` when the backend was disposed meanwhile.
 */
export async function readStreamedWeight(context: BackendContext, { values, scale, zeroPoint, layout }: StreamedWeight): Promise<Tensor<'f32'> | QTensor> {
  const [rows, columns] = values.shape;
  const data = values.dtype === 's8' ? new Int8Array(rows * columns) : new Float32Array(rows * columns);
  const block = Math.max(1, Math.floor((1 << 20) / Math.max(1, columns)));
  for (let first = 0; first < rows; first += block) {
    const count = Math.min(block, rows - first);
    await values.read(first, count, data.subarray(first * columns, (first + count) * columns));
  }
  context.assertLive('uploadStreamed');
  if (scale === undefined) return new Tensor(data as Float32Array, [rows, columns], 'f32');
  return new QTensor(new Tensor(data as Int8Array, [rows, columns], 's8'), scale, zeroPoint, layout);
}
