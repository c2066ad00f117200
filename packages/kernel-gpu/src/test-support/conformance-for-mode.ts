import { describeBackendConformance, FLOAT32_ACCUMULATION, type ConformanceCase } from '@qaxon/kernel-reference/conformance';
import { describe, it } from 'vitest';
import { createGpuBackend } from '../backend.js';
import type { GpuMode } from '../modes.js';
import { modeRunsHere } from './modes-here.js';

/**
 * Registers the shared conformance suite for one gpu.js mode, or a skipped placeholder
 * saying why the mode cannot run here.
 */
export function describeModeConformance(mode: GpuMode, supports?: (testCase: ConformanceCase) => true | string): void {
  const runs = modeRunsHere(mode);
  if (runs !== true) {
    describe(`gpu.js:${mode}`, () => {
      it.skip(`conformance [mode unavailable: ${runs}]`, () => {});
    });
    return;
  }
  describeBackendConformance({
    name: `gpu.js:${mode}`,
    create: () => createGpuBackend({ mode }),
    precision: FLOAT32_ACCUMULATION,
    ...(supports === undefined ? {} : { supports }),
    timeoutMs: 60_000,
  });
}
