import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtPackagesExist, serveBrowserPage } from './test-support/browser-page.js';

// Runs the built package in headless Chromium: Web Workers from a Blob URL, the shared
// memory, and the main thread spinning instead of Atomics.wait. Skipped without Chromium
// or without the built packages (`pnpm build` first).
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const skipReason = !existsSync(chromiumPath) ? `no Chromium at ${chromiumPath}` : !builtPackagesExist() ? 'packages not built' : '';

const script = `
const { createWasmBackend, sharedMemoryAvailable } = await import('@qaxon/kernel-wasm');
const { QTensor, full, randomNormal, runOp } = await import('@qaxon/tensor');
const { referenceBackend } = await import('@qaxon/kernel-reference');
const one = await createWasmBackend({ threads: 1 });
const two = await createWasmBackend({ threads: 2, parallelThreshold: 0 });
const w = randomNormal([300, 70], { seed: 1 });
const q = QTensor.fromTensor(w);
const cases = [randomNormal([1, 300], { seed: 2 }), randomNormal([9, 300], { seed: 3 })];
let sameBits = true;
let maxError = 0;
const bias = full([70], 0.5);
for (const x of cases) {
  const a = (await runOp(one, 'quantizedDense', { x, kernel: q, bias }, {})).data;
  const b = (await runOp(two, 'quantizedDense', { x, kernel: q, bias }, {})).data;
  const c = (await runOp(one, 'dense', { x, kernel: w }, {})).data, d = (await runOp(two, 'dense', { x, kernel: w }, {})).data;
  const bits = (u, v) => u.length === v.length && new Uint32Array(u.buffer).every((value, i) => value === new Uint32Array(v.buffer)[i]);
  sameBits &&= bits(a, b) && bits(c, d);
  const r = (await runOp(referenceBackend, 'quantizedDense', { x, kernel: q, bias }, {})).data;
  for (let i = 0; i < r.length; i++) maxError = Math.max(maxError, Math.abs(a[i] - r[i]));
}
const result = { isolated: crossOriginIsolated, shared: sharedMemoryAvailable(), threads: two.threads, sameBits, maxError };
one.dispose();
two.dispose();
window.result = result;
`;

describe.skipIf(skipReason !== '')(`in a browser (headless Chromium)${skipReason ? ` [skipped: ${skipReason}]` : ''}`, () => {
  let close: () => Promise<void> = async () => {};
  let open: (path: string) => Promise<Record<string, unknown>>;

  beforeAll(async () => {
    const { server, origin } = await serveBrowserPage(script);
    const { chromium } = await import('playwright-core');
    const browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox', '--disable-gpu', '--no-first-run'] });
    close = async () => {
      await browser.close();
      server.close();
    };
    open = async (path) => {
      const page = await browser.newPage();
      const problems: string[] = [];
      page.on('pageerror', (error) => problems.push(String(error)));
      page.on('console', (message) => {
        if (message.type() === 'error') problems.push(message.text());
      });
      page.on('response', (response) => {
        if (!response.ok() && !response.url().endsWith('/favicon.ico')) problems.push(`${response.status()} ${response.url()}`);
      });
      await page.goto(`${origin}${path}`);
      await page
        .waitForFunction(() => (window as unknown as { result?: unknown }).result !== undefined, undefined, { timeout: 15_000 })
        .catch((error: unknown) => {
          throw new Error(`${String(error)}; page problems: ${problems.join('; ') || 'none'}`);
        });
      await page.waitForFunction(() => (window as unknown as { result?: unknown }).result !== undefined, undefined, { timeout: 15_000 });
      const result = await page.evaluate(() => (window as unknown as { result: Record<string, unknown> }).result);
      await page.close();
      return result;
    };
  }, 30_000);
  afterAll(() => close(), 30_000);

  it('uses Web Workers on a cross-origin isolated page, with the same bits as one thread', async () => {
    const result = await open('/isolated.html');
    expect(result).toMatchObject({ isolated: true, shared: true, threads: 2, sameBits: true });
    expect(result.maxError as number).toBeLessThan(1e-4);
  }, 30_000);

  it('falls back to one thread where shared memory is unavailable', async () => {
    const result = await open('/plain.html');
    expect(result).toMatchObject({ isolated: false, shared: false, threads: 1, sameBits: true });
  }, 30_000);
});
