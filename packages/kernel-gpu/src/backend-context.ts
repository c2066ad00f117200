import type { DType, Handle, OpName, Shape } from '@qaxon/tensor';
import type { DevicePrograms } from './device-programs.js';
import type { GpuJsInstance } from './gpu-js.js';
import type { GpuHandle, GpuJsTexture, GpuStorage } from './handles/gpu-handle.js';
import type { TexelRowOrder } from './kernel-programs.js';
import type { GpuMode } from './modes.js';
import type { PlaceholderZeros } from './placeholder-zeros.js';
import type { GpuTileLimits } from './tiling.js';

/**
 * What the dense, elementwise and streamed-upload code of a gpu.js backend uses of the
 * backend's private state: its settings, programs and handle bookkeeping. The backend
 * builds one over its `#private` members, so that these parts live in files of their own
 * without widening the backend's public surface.
 */
export interface BackendContext {
  /** The backend's name (`gpu.js:<mode>`), for messages. */
  readonly name: string;
  readonly mode: GpuMode;
  /** Whether the mode is a GL one (data in textures between ops). */
  readonly gl: boolean;
  /** Whether WebAssembly kernels run on gpu.js's worker pool. */
  readonly threads: boolean;
  readonly limits: Readonly<GpuTileLimits>;
  readonly gpu: GpuJsInstance;
  /** Compiled programs that hold no tensor (elementwise, softmax, the GL dense finish). */
  readonly programs: DevicePrograms;
  /** Zeros standing for the weights of streamed WebAssembly uploads. */
  readonly placeholder: PlaceholderZeros;
  /** The texture row order the self-test found right (GL modes) for packing weights. */
  rowOrder(): TexelRowOrder;
  /** The self-test still running (WebGPU, threaded WebAssembly), if any. */
  pending(): Promise<void> | undefined;
  /** Throws `GpuBackendError` once the backend is disposed. */
  assertLive(where: string): void;
  /** The live handle of this backend behind `handle` (throws a `ValueError` otherwise). */
  own(handle: Handle, where: string): GpuHandle;
  /** A new handle over new storage. */
  make(storage: GpuStorage, shape: Shape, dtype: DType, quantization?: GpuHandle['quantization']): GpuHandle;
  /** A new f32 handle owning a kernel's output texture of `length` floats. */
  textureHandle(output: unknown, shape: Shape, length: number): GpuHandle;
  /** A GL kernel argument for `handle` (its texture, or its array gpu.js uploads). */
  texture(handle: GpuHandle, op: OpName): GpuJsTexture | Float32Array;
  /** The host array of `handle` (modes whose kernels read host arrays). */
  hostData(handle: GpuHandle, op: OpName, input: string): Float32Array;
  /** Releases a handle (the backend's `release`). */
  release(handle: Handle): void;
}
