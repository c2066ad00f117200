import { describeBackendConformance } from '@qaxon/kernel-reference/conformance';
import { describe, it } from 'vitest';
import { createGpuBackend, type GpuBackendOptions } from '../backend.js';
import { gpuConformanceSupports } from '../conformance-supports.js';
import type { GpuMode } from '../modes.js';
import { modeRunsHere } from './modes-here.js';

/**
 * Registers the shared conformance suite for one gpu.js mode, or a skipped placeholder
 * saying why the mode cannot run here. GL modes skip cases with non-finite inputs
 * (`gpuConformanceSupports`).
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
  describeBackendConformance({
    name: label,
    create: () => createGpuBackend({ ...options, mode }),
    supports: gpuConformanceSupports(mode),
    timeoutMs: 60_000,
  });
}
