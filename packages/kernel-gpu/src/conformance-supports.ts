import { modeFamily, type GpuMode } from './modes.js';

/** Whether `value` (a case's inputs: tensors, arrays, records of them) holds NaN or ±Infinity anywhere. */
function hasNonFinite(value: unknown, depth = 0): boolean {
  if (depth > 6 || value === null || typeof value !== 'object') return typeof value === 'number' && !Number.isFinite(value);
  if (ArrayBuffer.isView(value)) return Array.prototype.some.call(value, (v: unknown) => typeof v === 'number' && !Number.isFinite(v));
  return Object.values(value as Record<string, unknown>).some((item) => hasNonFinite(item, depth + 1));
}

/**
 * Which conformance cases (of `@qaxon/kernel-reference`'s suite) a gpu.js mode is held to,
 * as the `supports` option of `describeBackendConformance` / `runBackendConformance` takes
 * it. GLSL defines nothing for NaN and infinities (`max(NaN, 0)` may be 0, `exp` may
 * saturate), so on the GL modes (`webgl2`, `webgl`, `headlessgl`) cases whose inputs hold
 * them are not run; the other modes run every case. Inputs with NaN or ±Infinity therefore
 * do not propagate reliably on GL modes: check inputs first where it matters.
 *
 * @example
 * ```ts
 * import { gpuConformanceSupports } from '@qaxon/kernel-gpu';
 * const supports = gpuConformanceSupports('webgl2');
 * const verdict = supports('relu', { build: () => ({ inputs: { x: { data: new Float32Array([Number.NaN]) } } }) });
 * console.log(verdict); // 'GLSL does not define NaN and infinities'
 * ```
 */
export function gpuConformanceSupports(mode: GpuMode): (op: string, testCase: { build(): { inputs: unknown } }) => true | string {
  if (modeFamily(mode) !== 'gl') return () => true;
  return (_op, testCase) => (hasNonFinite(testCase.build().inputs) ? 'GLSL does not define NaN and infinities' : true);
}
