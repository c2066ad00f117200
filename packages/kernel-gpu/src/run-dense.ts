import { KernelUnsupportedError, denseDimensions, type Handle, type MaybePromise, type OpInputs } from '@qaxon/tensor';
import type { BackendContext } from './backend-context.js';
import { blockRows, splitInner } from './call-shapes.js';
import { weightsOf, type DenseOp } from './dense-weights.js';
import type { GpuHandle, GpuJsTexture } from './handles/gpu-handle.js';
import { addKernelOutput } from './kernel-output.js';
import { glDenseFinishSource } from './kernels/gl-elementwise.js';
import { runSequence } from './run-sequence.js';
import { rowChunks } from './tiling.js';
import type { UploadedWeights } from './uploaded-weights.js';

/** The handles of one dense call, owned by the backend. */
interface DenseHandles {
  x: GpuHandle;
  bias: GpuHandle | undefined;
}

/**
 * `dense` or `quantizedDense` on a gpu.js backend: the kernel's packed weights (packed on
 * first use for a float kernel) run as one GL call whose partial sums a finish program adds
 * up, or as tiled calls on host-array modes. Empty outputs and K = 0 need no program.
 */
export function runDense(context: BackendContext, op: DenseOp, { x, kernel, bias }: OpInputs<DenseOp>): MaybePromise<Handle> {
  context.placeholder.drop();
  const dimensions = denseDimensions(op, { x, kernel, bias });
  const { rows, inner, units, outputShape } = dimensions;
  const own = { x: context.own(x, op), kernel: context.own(kernel, op), bias: bias === undefined ? undefined : context.own(bias, op) };
  if (rows === 0 || units === 0) return context.make({ kind: 'array', data: new Float32Array(0) }, outputShape, 'f32');
  if (inner === 0) {
    const out = new Float32Array(rows * units);
    if (own.bias !== undefined) addBias(out, units, context.hostData(own.bias, op, 'bias'));
    return context.make({ kind: 'array', data: out }, outputShape, 'f32');
  }
  const weights = weightsOf(context, op, own.kernel, inner, units);
  if (context.gl) return denseGl(context, op, own, weights, dimensions);
  return denseHost(context, op, own, weights, dimensions);
}

/** GL: one tile; the dense program's partial sums stay a texture that the finish program adds up (with the bias). */
function denseGl(
  context: BackendContext,
  op: DenseOp,
  { x, bias }: DenseHandles,
  weights: UploadedWeights,
  { rows, units, outputShape }: { rows: number; units: number; outputShape: number[] },
): GpuHandle {
  if (rows > context.limits.maxTextureSize) {
    throw new KernelUnsupportedError(op, `${rows} rows of x exceed the texture size of ${context.name} (${context.limits.maxTextureSize})`);
  }
  const program = weights.program;
  const upload = weights.tiles[0]!;
  const { parts, chunk } = splitInner(context, program.splitsInner, upload, rows, program.innerAlign);
  const { kernel } = weights.kernelFor(0, rows, rows, parts);
  const partials = kernel(context.texture(x, op), parts, chunk);
  const finish = context.programs.program(glDenseFinishSource(program.unitsPerGroup === 4, bias !== undefined), [units, rows]);
  try {
    const out = bias === undefined ? finish(partials, parts) : finish(partials, parts, context.texture(bias, op));
    return context.textureHandle(out, outputShape, rows * units);
  } finally {
    (partials as GpuJsTexture).delete();
  }
}

/** Host-array modes: v1's tiled calls, partial sums added on the host. */
function denseHost(
  context: BackendContext,
  op: DenseOp,
  { x, bias }: DenseHandles,
  uploaded: UploadedWeights,
  { rows, inner, units, outputShape }: { rows: number; inner: number; units: number; outputShape: number[] },
): MaybePromise<GpuHandle> {
  const xData = context.hostData(x, op, 'x');
  const biasData = bias === undefined ? undefined : context.hostData(bias, op, 'bias');
  const out = new Float32Array(rows * units);
  const finish = (): GpuHandle => {
    if (biasData !== undefined) addBias(out, units, biasData);
    return context.make({ kind: 'array', data: out }, outputShape, 'f32');
  };
  const program = uploaded.program;
  const stride = Math.ceil(inner / program.innerAlign) * program.innerAlign;
  const callBlockRows = blockRows(context, stride);
  const jobs: { start: number; end: number; tile: number }[] = [];
  for (const [start, end] of rowChunks(rows, callBlockRows)) {
    for (let tile = 0; tile < uploaded.tiles.length; tile++) jobs.push({ start, end, tile });
  }
  const splits = jobs.map(({ start, end, tile }) => splitInner(context, program.splitsInner, uploaded.tiles[tile]!, end - start, program.innerAlign));
  const done = runSequence(
    jobs.length,
    (index) => {
      const { start, end, tile } = jobs[index]!;
      const { parts, chunk } = splits[index]!;
      const { kernel, callRows } = uploaded.kernelFor(tile, end - start, callBlockRows, parts);
      const xRows = rowsOf(xData, inner, stride, start, end, callRows);
      return program.splitsInner ? kernel(xRows, parts, chunk) : kernel(xRows);
    },
    (index, result) => {
      const { start, end, tile } = jobs[index]!;
      addKernelOutput(result, out, units, start, end - start, uploaded.tiles[tile]!.tile, program.unitsPerGroup, splits[index]!.parts);
    },
  );
  return done === undefined ? finish() : done.then(finish);
}

/**
 * Rows `[start, end)` of `x` (`inner` wide) as `callRows` rows of `stride` floats: a view
 * when nothing needs padding, else a zero-padded copy.
 */
function rowsOf(data: Float32Array, inner: number, stride: number, start: number, end: number, callRows: number): Float32Array {
  if (stride === inner && end - start === callRows) return data.subarray(start * inner, end * inner);
  const padded = new Float32Array(callRows * stride);
  if (stride === inner) {
    padded.set(data.subarray(start * inner, end * inner));
    return padded;
  }
  for (let m = start; m < end; m++) padded.set(data.subarray(m * inner, (m + 1) * inner), (m - start) * stride);
  return padded;
}

function addBias(out: Float32Array, units: number, bias: Float32Array): void {
  for (let i = 0; i < out.length; i++) out[i] = out[i]! + bias[i % units]!;
}
