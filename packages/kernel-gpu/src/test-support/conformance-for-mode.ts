import { describeBackendConformance, FLOAT32_ACCUMULATION, type ConformanceCase } from '@qaxon/kernel-reference/conformance';
import { describe, it } from 'vitest';
import { createGpuBackend, type GpuBackendOptions } from '../backend.js';
import type { GpuMode } from '../modes.js';
import { modeRunsHere } from './modes-here.js';

/**
 * Registers the shared conformance suite for one gpu.js mode, or a skipped placeholder
 * saying why the mode cannot run here.
 */
export function describeModeConformance(
  mode: GpuMode,
  options: Omit<GpuBackendOptions, 'mode'> = {},
  supports?: (testCase: ConformanceCase) => true | string,
): void {
  const label = options.threads === true ? `gpu.js:${mode} (threads)` : `gpu.js:${mode}`;
  const runs = modeRunsHere(mode);
  if (runs !== true) {
    describe(label, () => {
      it.skip(`conformance [mode unavailable: ${runs}]`, () => {});
    });
    return;
  }
  describeBackendConformance({
    name: label,
    create: () => createGpuBackend({ ...options, mode }),
    precision: FLOAT32_ACCUMULATION,
    ...(supports === undefined ? {} : { supports }),
    timeoutMs: 60_000,
  });
}
