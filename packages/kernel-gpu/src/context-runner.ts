import { sizeOf } from '@qaxon/tensor';
import type { BackendContext } from './backend-context.js';
import { MAX_FLAT_INDEX, type DeviceRunner } from './device-runner.js';

/** What the `matMul`, `attention`, norm and `rope` kernels use of a backend, over its {@link BackendContext}. */
export function contextRunner(context: BackendContext): DeviceRunner {
  const { name, gl, limits, programs } = context;
  return {
    name,
    hostArrays: !gl,
    maxFloats: Math.min(MAX_FLAT_INDEX, gl ? limits.maxTextureSize ** 2 : Number.POSITIVE_INFINITY),
    own: (handle, op) => context.own(handle, op),
    argument: (handle, op, input) => (gl ? context.texture(handle, op) : context.hostData(handle, op, input)),
    run: (source, output, args) => programs.run(source, output, args),
    discard: (output) => programs.discard(output),
    adopt: (output, shape) =>
      output instanceof Float32Array ? context.make({ kind: 'array', data: output }, shape, 'f32') : context.textureHandle(output, shape, sizeOf(shape)),
    zeros: (shape) => context.make({ kind: 'array', data: new Float32Array(sizeOf(shape)) }, shape, 'f32'),
  };
}
