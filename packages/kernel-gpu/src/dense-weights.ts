import { KernelUnsupportedError, Tensor, type QTensor } from '@qaxon/tensor';
import type { BackendContext } from './backend-context.js';
import type { GpuHandle, GpuStorage } from './handles/gpu-handle.js';
import { kernelProgram, s4GroupPairs, s4Program } from './kernel-programs.js';
import { modeFamily } from './modes.js';
import { planTiles } from './tiling.js';
import { UploadedWeights } from './uploaded-weights.js';

/** The ops whose kernel is a packed weight. */
export type DenseOp = 'dense' | 'quantizedDense';

/** The packed weights of a dense kernel: packed at upload for QTensors, on first use for float tensors. */
export function weightsOf(context: BackendContext, op: DenseOp, kernel: GpuHandle, inner: number, units: number): UploadedWeights {
  const storage = kernel.cell.storage;
  if (storage.kind === 'weights') return storage.weights;
  if (storage.kind === 'host') throw new KernelUnsupportedError(op, storage.reason);
  if (storage.kind === 'texture') {
    throw new KernelUnsupportedError(op, `the kernel [${inner}, ${units}] was computed on ${context.name}, and only uploaded kernels are packed as dense weights`);
  }
  if (storage.denseWeights !== undefined) return storage.denseWeights;
  const program = kernelProgram('dense', context.mode);
  const tiles = planTiles(inner, units, program.constraints(context.limits));
  if (context.gl && tiles.length > 1) throw new KernelUnsupportedError(op, overLimits(context, inner, units, tiles.length));
  const float = new Tensor(storage.data as Float32Array, [inner, units], 'f32');
  const weights = pack(context, program, float, tiles);
  if (modeFamily(context.mode) === 'buffer') {
    // Buffer modes: the packed columns are the one copy (download unpacks them); the
    // row-major host array is dropped.
    kernel.cell.storage = { kind: 'weights', weights, float: { inner, units } };
  } else {
    storage.denseWeights = weights;
  }
  return weights;
}

/**
 * A QTensor uploaded: packed for the mode's int8 or s4 program, or kept on the host (with
 * the reason) where the programs do not take its layout or size.
 */
export function uploadQuantized(context: BackendContext, q: QTensor): GpuHandle {
  const layout = q.quantization;
  const [inner, units] = q.shape as [number, number];
  let reason: string | undefined;
  if (layout.bits === 4) {
    // s4: one tile, the packed bytes grouped 3 to a float32 word (see kernels/quantized-dense-s4.ts).
    const groupPairs = s4GroupPairs(q);
    if (typeof groupPairs === 'string') return context.make({ kind: 'host', value: q, reason: groupPairs }, q.shape, 'f32', layout);
    const program = s4Program(groupPairs, modeFamily(context.mode));
    const tile = { innerStart: 0, innerEnd: inner, unitStart: 0, unitEnd: units };
    const weights = new UploadedWeights(context.gpu, context.mode, program, inner, [program.upload(q, tile, context.rowOrder())], context.threads);
    return context.make({ kind: 'weights', weights }, q.shape, 'f32', layout);
  }
  if (layout.bits !== 8 || layout.groupSize !== undefined || layout.axis !== 1 || q.shape.length !== 2) {
    reason = `the gpu.js programs take per-channel int8 weights [in, units], got ${layout.bits} bits${layout.groupSize === undefined ? '' : ` in groups of ${layout.groupSize}`} along axis ${layout.axis}`;
  }
  let storage: GpuStorage | undefined;
  if (reason === undefined) {
    const program = kernelProgram('quantizedDense', context.mode);
    const tiles = planTiles(inner, units, program.constraints(context.limits));
    if (context.gl && tiles.length > 1) reason = overLimits(context, inner, units, tiles.length);
    else storage = { kind: 'weights', weights: pack(context, program, q, tiles) };
  }
  return context.make(storage ?? { kind: 'host', value: q, reason: reason! }, q.shape, 'f32', layout);
}

function pack(
  context: BackendContext,
  program: ReturnType<typeof kernelProgram>,
  weights: Tensor<'f32'> | QTensor,
  tiles: ReturnType<typeof planTiles>,
): UploadedWeights {
  const inner = weights.shape[0]!;
  const stride = Math.ceil(inner / program.innerAlign) * program.innerAlign;
  const uploads = tiles.map((tile) => program.upload(weights, tile, context.rowOrder()));
  return new UploadedWeights(context.gpu, context.mode, program, stride, uploads, context.threads);
}

function overLimits({ name, limits }: BackendContext, inner: number, units: number, tiles: number): string {
  return `the kernel [${inner}, ${units}] needs ${tiles} textures on ${name} (texture side ${limits.maxTextureSize}, ${limits.maxTileElements} weights per texture), and the GL programs take one`;
}
