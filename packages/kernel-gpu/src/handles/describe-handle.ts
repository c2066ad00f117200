import { describeValue } from '@qaxon/tensor';
import { GpuHandle } from './gpu-handle.js';

/** What a gpu.js backend was handed instead of one of its live handles, for an error message. */
export function describeHandle(handle: unknown): string {
  if (handle instanceof GpuHandle) return handle.live ? `a handle of another gpu.js backend instance` : `a released handle of shape [${handle.shape.join(', ')}]`;
  const backend = (handle as { backend?: unknown } | null)?.backend;
  return typeof backend === 'string' ? `a handle of backend '${backend}'` : describeValue(handle);
}
