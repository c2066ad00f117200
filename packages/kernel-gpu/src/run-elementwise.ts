import { KernelUnsupportedError, broadcastShapes, broadcastStrides, sizeOf, softmaxAxis, type Handle } from '@qaxon/tensor';
import type { BackendContext } from './backend-context.js';
import type { GpuHandle } from './handles/gpu-handle.js';
import { glBinarySource, glSoftmaxSource, glUnarySource, type GlBinaryOp, type GlUnaryOp } from './kernels/gl-elementwise.js';
import { hostBinary, hostSoftmax, hostUnary, type HostBinaryOp, type HostUnaryOp } from './kernels/host-elementwise.js';

/** An activation (`alpha` for the ones that take it): a GL program, or the host loop elsewhere. */
export function runUnary(context: BackendContext, op: GlUnaryOp, x: Handle, alpha: number): GpuHandle {
  const own = context.own(x, op);
  const size = sizeOf(own.shape);
  if (size === 0) return context.make({ kind: 'array', data: new Float32Array(0) }, own.shape, 'f32');
  if (context.gl) {
    const kernel = context.programs.program(glUnarySource(op), [size]);
    return context.textureHandle(kernel(context.texture(own, op), alpha), own.shape, size);
  }
  return context.make({ kind: 'array', data: hostUnary(op as HostUnaryOp, context.hostData(own, op, 'x'), alpha) }, own.shape, 'f32');
}

/** Broadcasting arithmetic: a GL program over the output's strides, or the host loop elsewhere. */
export function runBinary(context: BackendContext, op: GlBinaryOp & HostBinaryOp, a: Handle, b: Handle): GpuHandle {
  const left = context.own(a, op);
  const right = context.own(b, op);
  const shape = broadcastShapes(left.shape, right.shape, op);
  const size = sizeOf(shape);
  if (size === 0) return context.make({ kind: 'array', data: new Float32Array(0) }, shape, 'f32');
  if (context.gl) {
    const source = glBinarySource(op, shape, broadcastStrides(left.shape, shape), broadcastStrides(right.shape, shape));
    const kernel = context.programs.program(source, [size]);
    return context.textureHandle(kernel(context.texture(left, op), context.texture(right, op)), shape, size);
  }
  const data = hostBinary(op, context.hostData(left, op, 'a'), left.shape, context.hostData(right, op, 'b'), right.shape, shape);
  return context.make({ kind: 'array', data }, shape, 'f32');
}

/** `softmax` or `logSoftmax` on the last axis (other axes are refused with `KernelUnsupportedError`). */
export function runSoftmax(context: BackendContext, op: 'softmax' | 'logSoftmax', x: Handle, axis: number): GpuHandle {
  const own = context.own(x, op);
  const resolved = softmaxAxis(op, own.shape, axis);
  if (resolved !== own.shape.length - 1) {
    throw new KernelUnsupportedError(op, `${context.name} runs ${op} on the last axis only, got axis ${axis} of shape [${own.shape.join(', ')}]`);
  }
  const size = sizeOf(own.shape);
  const length = own.shape[resolved]!;
  if (size === 0) return context.make({ kind: 'array', data: new Float32Array(0) }, own.shape, 'f32');
  if (context.gl) {
    const kernel = context.programs.program(glSoftmaxSource(length, op === 'logSoftmax'), [size]);
    return context.textureHandle(kernel(context.texture(own, op)), own.shape, size);
  }
  return context.make({ kind: 'array', data: hostSoftmax(context.hostData(own, op, 'x'), length, op === 'logSoftmax') }, own.shape, 'f32');
}
