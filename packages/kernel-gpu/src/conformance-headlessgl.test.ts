import { describeModeConformance } from './test-support/conformance-for-mode.js';

// Runs when the optional `gl` module is built and a display exists (CI: xvfb-run -a, with
// QAXON_REQUIRE_HEADLESSGL=1 so that a missing display fails instead of skipping).
describeModeConformance('headlessgl');
