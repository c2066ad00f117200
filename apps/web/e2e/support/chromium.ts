import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Where Debian's `chromium` package installs the browser (override with `QAXON_CHROMIUM`). */
export const CHROMIUM_PATH = process.env.QAXON_CHROMIUM ?? '/usr/bin/chromium';

/**
 * The flags the page's test runs Chromium with: headless on a server without a GPU, where
 * WebGL2 and WebGPU run on SwiftShader (a CPU implementation of the GPU APIs), with no
 * network traffic of Chromium's own.
 */
export const CHROMIUM_ARGS: readonly string[] = Object.freeze([
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--enable-unsafe-swiftshader',
  '--enable-unsafe-webgpu',
]);

/**
 * Whether the browser test runs: `true`, or why it is skipped. A missing Chromium fails the
 * test (CI installs it) unless `QAXON_SKIP_BROWSER=1` asks to skip.
 *
 * @example
 * ```ts
 * const decision = browserTestDecision();
 * ```
 */
export function browserTestDecision(): true | string {
  if (process.env.QAXON_SKIP_BROWSER === '1') return 'QAXON_SKIP_BROWSER=1';
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `apps/web's browser test needs Chromium at ${CHROMIUM_PATH}, which does not exist. ` +
        'Install it with: apt-get update && apt-get install -y chromium (Debian) ' +
        '(or point QAXON_CHROMIUM at a Chromium binary), or set QAXON_SKIP_BROWSER=1 to skip the browser test.',
    );
  }
  return true;
}

/**
 * Starts headless Chromium with {@link CHROMIUM_ARGS} and `extraArgs` (never downloads a browser).
 *
 * @example
 * ```ts
 * const browser = await launchChromium();
 * const page = await browser.newPage();
 * ```
 */
export function launchChromium(extraArgs: readonly string[] = []): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: [...CHROMIUM_ARGS, ...extraArgs] });
}
