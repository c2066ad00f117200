import type { GpuJsKernel } from './gpu-js.js';

/**
 * GL: gpu.js keeps the padded float array it uploaded each float constant from
 * (`uploadValue`); constants are not uploaded again after a kernel's first run, so those
 * host copies are dropped (constants gpu.js uploads on every run are left alone).
 */
export function dropGlUploadCopies(kernel: GpuJsKernel): void {
  const inner = kernel.kernel as { kernelConstants?: unknown; forceUploadKernelConstants?: unknown };
  const constants = Array.isArray(inner.kernelConstants) ? (inner.kernelConstants as Record<string, unknown>[]) : [];
  const forced = Array.isArray(inner.forceUploadKernelConstants) ? (inner.forceUploadKernelConstants as unknown[]) : [];
  for (const value of constants) {
    if (forced.includes(value) || value['forceUploadEachRun'] === true) continue;
    if (ArrayBuffer.isView(value['uploadValue'])) value['uploadValue'] = null;
  }
}

/** The float32 view of constant `name` inside a gpu.js WebAssembly kernel's memory (`undefined` if gpu.js keeps it elsewhere). */
export function wasmConstantView(kernel: GpuJsKernel, name: string): Float32Array | undefined {
  const active = (kernel.kernel as { _active?: { f32?: unknown; layout?: { constantArrays?: Record<string, { offset?: unknown; flatLength?: unknown }> } } })
    ._active;
  const record = active?.layout?.constantArrays?.[name];
  const f32 = active?.f32;
  if (!(f32 instanceof Float32Array) || typeof record?.offset !== 'number' || typeof record.flatLength !== 'number') return undefined;
  const start = record.offset / 4;
  return f32.subarray(start, start + record.flatLength);
}

/**
 * gpu.js's WebGL kernels point the context's vertex attributes at the vertex buffer of the
 * kernel built last, and never re-bind them when they run. Deleting that buffer (as
 * `destroy()` does) makes every other kernel on the context silently return its previous
 * output. Detaching the buffer first keeps it alive (a few dozen bytes, freed with the
 * context at `dispose()`), while the kernel's textures and program are still freed.
 */
export function keepVertexBuffer(kernel: GpuJsKernel): void {
  const inner = kernel.kernel as unknown as { buffer?: unknown };
  if (inner !== null && typeof inner === 'object' && 'buffer' in inner) inner.buffer = null;
}
