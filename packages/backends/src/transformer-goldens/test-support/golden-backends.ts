import { availableGpuModes, createGpuBackend, defaultGpuConstructor, type GpuMode } from '@qaxon/kernel-gpu';
import { createReferenceBackend } from '@qaxon/kernel-reference';
import { createWasmBackend } from '@qaxon/kernel-wasm';
import type { Backend } from '@qaxon/tensor';

/** A backend the goldens run on: how to create it, or why it cannot run here. */
export interface GoldenBackend {
  readonly name: string;
  /** Creates the backend (ready to run); `undefined` when `unavailable` says why not. */
  readonly create: () => Promise<Backend & { dispose?(): void }>;
  /** Why the backend cannot run here, or `undefined` when it can. */
  readonly unavailable: string | undefined;
}

const gpuModesHere = availableGpuModes(defaultGpuConstructor);

function gpuBackend(mode: GpuMode): GoldenBackend {
  const here = gpuModesHere.includes(mode);
  // As gpu-pipeline.test.ts: CI runs these tests under xvfb-run and says so; a missing
  // headless-gl context then fails the run instead of skipping it.
  if (!here && mode === 'headlessgl' && process.env.QAXON_REQUIRE_HEADLESSGL === '1') {
    throw new Error('QAXON_REQUIRE_HEADLESSGL=1 but gpu.js reports no headless-gl context here');
  }
  return {
    name: `gpu.js:${mode}`,
    unavailable: here ? undefined : `gpu.js reports no '${mode}' mode here`,
    create: async () => {
      const backend = createGpuBackend({ mode });
      await backend.ready;
      return backend;
    },
  };
}

/**
 * Every backend of qaxon that runs in Node: the float64 reference (the oracle), the
 * WebAssembly SIMD backend (1 thread), and gpu.js in its CPU modes (`webasm`, `cpu`) and,
 * under a display (xvfb-run), headless-gl.
 */
export const GOLDEN_BACKENDS: readonly GoldenBackend[] = [
  { name: 'reference', unavailable: undefined, create: () => Promise.resolve(createReferenceBackend()) },
  { name: 'wasm', unavailable: undefined, create: () => createWasmBackend({ threads: 1 }) },
  gpuBackend('webasm'),
  gpuBackend('cpu'),
  gpuBackend('headlessgl'),
];
