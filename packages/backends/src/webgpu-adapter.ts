/**
 * Describes the WebGPU adapter a page would get (vendor, architecture, device, and
 * whether it is a fallback/software adapter), or `undefined` where there is none. Used to
 * tell real GPU hardware from SwiftShader.
 *
 * @example
 * ```ts
 * import { webGpuAdapterDescription } from '@qaxon/backends';
 * console.log(await webGpuAdapterDescription()); // e.g. 'google swiftshader (fallback adapter)', or undefined in Node
 * ```
 */
export async function webGpuAdapterDescription(): Promise<string | undefined> {
  const gpu = (globalThis as { navigator?: { gpu?: { requestAdapter(): Promise<AdapterLike | null> } } }).navigator?.gpu;
  if (gpu === undefined) return undefined;
  const adapter = await gpu.requestAdapter();
  if (adapter === null) return undefined;
  const info = adapter.info ?? {};
  const parts = [info.vendor, info.architecture, info.device, info.description].filter((part): part is string => typeof part === 'string' && part.length > 0);
  const fallback = adapter.isFallbackAdapter === true || info.isFallbackAdapter === true;
  const described = parts.length > 0 ? parts.join(' ') : 'unknown adapter';
  // A fallback adapter is software by definition; say so in words isSoftwareRenderer knows.
  return fallback ? `${described} (software fallback adapter)` : described;
}

interface AdapterLike {
  info?: { vendor?: string; architecture?: string; device?: string; description?: string; isFallbackAdapter?: boolean };
  isFallbackAdapter?: boolean;
}
