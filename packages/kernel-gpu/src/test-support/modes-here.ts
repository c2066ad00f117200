import { defaultGpuConstructor } from '../gpu-js.js';
import { gpuModeSupport, type GpuMode } from '../modes.js';

/**
 * Whether the tests should run a mode here. `webasm` and `cpu` always run. `headlessgl`
 * runs when the `gl` module loads and a display exists; with `QAXON_REQUIRE_HEADLESSGL=1`
 * (set by CI, which runs the tests under `xvfb-run -a`) its absence fails the run instead
 * of skipping it.
 */
export function modeRunsHere(mode: GpuMode): true | string {
  const support = gpuModeSupport(mode, defaultGpuConstructor);
  if (support === true) return true;
  if (mode === 'headlessgl' && process.env.QAXON_REQUIRE_HEADLESSGL === '1') {
    throw new Error(`QAXON_REQUIRE_HEADLESSGL=1 but headlessgl cannot run here: ${support}`);
  }
  return support;
}
