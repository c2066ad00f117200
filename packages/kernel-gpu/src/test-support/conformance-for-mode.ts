import { describeBackendConformance, type ConformanceCase } from '@qaxon/kernel-reference/conformance';
import { describe, it } from 'vitest';
import { createGpuBackend, type GpuBackendOptions } from '../backend.js';
import { modeFamily, type GpuMode } from '../modes.js';
import { modeRunsHere } from './modes-here.js';

/** Whether a case holds a non-finite number (NaN, ±Infinity) anywhere in its inputs. */
function hasNonFinite(value: unknown, depth = 0): boolean {
  if (depth > 6 || value === null || typeof value !== 'object') return typeof value === 'number' && !Number.isFinite(value);
  if (ArrayBuffer.isView(value)) return Array.prototype.some.call(value, (v: unknown) => typeof v === 'number' && !Number.isFinite(v));
  return Object.values(value as Record<string, unknown>).some((item) => hasNonFinite(item, depth + 1));
}

/**
 * Registers the shared conformance suite for one gpu.js mode, or a skipped placeholder
 * saying why the mode cannot run here. GL modes skip cases with non-finite inputs: GLSL
 * gives no guarantee for NaN and infinities (`max`, `exp`, comparisons).
 */
export function describeModeConformance(mode: GpuMode, options: Omit<GpuBackendOptions, 'mode'> = {}): void {
  const label = options.threads === true ? `gpu.js:${mode} (threads)` : `gpu.js:${mode}`;
  const runs = modeRunsHere(mode);
  if (runs !== true) {
    describe(label, () => {
      it.skip(`conformance [mode unavailable: ${runs}]`, () => {});
    });
    return;
  }
  const gl = modeFamily(mode) === 'gl';
  describeBackendConformance({
    name: label,
    create: () => createGpuBackend({ ...options, mode }),
    ...(gl ? { supports: (_op: string, testCase: ConformanceCase) => (hasNonFinite(testCase.build().inputs) ? 'GLSL does not define NaN and infinities' : true) } : {}),
    timeoutMs: 60_000,
  });
}
