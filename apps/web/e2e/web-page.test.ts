// The built page in headless Chromium (Debian's `chromium`, driven by playwright-core): it
// must pick a GPU mode of gpu.js (WebGL2, through SwiftShader on a machine without a GPU),
// predict exactly what the Node reference run predicts for the float and the int8 model,
// quantize in the page to the same int8 state, preprocess a mouse drawing like MNIST, and
// pass the kernel conformance cases on its own backend; and show the best backend
// createBestBackend() picks (wasm here, since SwiftShader is software), whose predictions
// match the reference too.
import { copyFileSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { build as viteBuild } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ModelPair } from '../src/model/digit-classifier.js';
import { MNIST_PIXELS, MNIST_SIDE } from '../src/model/mnist-model.js';
import { argmax, type Prediction } from '../src/model/prediction.js';
import { centerOfMass, inkBoundingBox } from '../src/preprocess/mnist-preprocess.js';
import { browserTestDecision, launchChromium } from './support/chromium.js';
import { allImages, loadNodeReference, type NodeReference } from './support/node-reference.js';
import { serveStatic, type StaticServer } from './support/static-server.js';

/** The in-page conformance suite compiles a few hundred shaders (attention: four per case) on a software GPU. */
const CONFORMANCE_TIMEOUT_MS = 90_000;

const APP_ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUTPUT = fileURLToPath(new URL('../e2e-output/', import.meta.url));
/** Largest difference allowed between a page probability (float32 on the GPU) and the reference's. */
const PROBABILITY_TOLERANCE = 1e-4;

const decision = browserTestDecision();

/** Draws a "7" on the pad with the mouse: a bar across the top, then a diagonal down to the lower left. */
async function drawSeven(page: Page): Promise<void> {
  const pad = await page.locator('#drawing-pad').boundingBox();
  if (pad === null) throw new Error('expected the drawing pad to be visible');
  const at = (x: number, y: number) => [pad.x + x * pad.width, pad.y + y * pad.height] as const;
  await page.mouse.move(...at(0.3, 0.22));
  await page.mouse.down();
  await page.mouse.move(...at(0.72, 0.22), { steps: 8 });
  await page.mouse.move(...at(0.45, 0.85), { steps: 12 });
  await page.mouse.up();
}

describe.skipIf(decision !== true)('the built page in headless Chromium', () => {
  let reference: NodeReference;
  let server: StaticServer | undefined;
  let browser: Browser | undefined;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    await viteBuild({ root: APP_ROOT, configFile: `${APP_ROOT}vite.config.ts`, logLevel: 'warn' });
    reference = loadNodeReference();
    server = await serveStatic(`${APP_ROOT}dist`);
    // --expose-gc: the last test collects garbage to check that no gpu.js kernel the page
    // still uses is destroyed by a collected upload (kernel-gpu frees uploads on collection).
    browser = await launchChromium(['--js-flags=--expose-gc']);
    page = await browser.newPage({ viewport: { width: 1100, height: 820 } });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(message.text());
    });
    await page.goto(server.url);
    await page.evaluate(() => window.qaxon.ready);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const expectSameAsReference = (label: string, actual: number[][], expected: number[][]): void => {
    expect(actual.length, label).toBe(expected.length);
    actual.forEach((row, i) => {
      const want = expected[i] as number[];
      expect(argmax(row), `${label}: predicted class of image ${i}`).toBe(argmax(want));
      const worst = Math.max(...row.map((p, c) => Math.abs(p - (want[c] as number))));
      expect(worst, `${label}: largest probability difference on image ${i}`).toBeLessThanOrEqual(PROBABILITY_TOLERANCE);
    });
  };

  it('runs gpu.js in a GPU mode: WebGL2, on SwiftShader here', async () => {
    const { mode, modes, renderer } = await page.evaluate(() => {
      const gl = document.createElement('canvas').getContext('webgl2');
      const info = gl?.getExtension('WEBGL_debug_renderer_info');
      const renderer = gl && info ? String(gl.getParameter(info.UNMASKED_RENDERER_WEBGL)) : 'no WebGL2';
      return { mode: window.qaxon.mode(), modes: window.qaxon.availableModes(), renderer };
    });
    console.log(`gpu.js modes offered: ${modes.join(', ')}; in use: ${mode}; WebGL2 renderer: ${renderer}`);
    expect(mode).toBe('webgl2');
    expect(await page.textContent('#mode-in-use')).toBe('webgl2');
    expect(renderer).not.toBe('no WebGL2');
  });

  it('shows the best backend createBestBackend() picked: wasm on SwiftShader (software GPU), with its reason and the candidates passed over', async () => {
    const best = await page.evaluate(() => window.qaxon.bestBackend());
    for (const line of best.considered) console.log(`best backend candidate ${line.candidate}: ${line.picked ? 'picked' : 'passed over'} (${line.reason})`);
    expect(best).toMatchObject({ name: 'wasm', kind: 'wasm' });
    expect(best.reason).toMatch(/^no GPU hardware was usable, so the WebAssembly SIMD kernels run on the CPU with \d+ threads?$/);
    expect(best.considered.filter((line) => line.picked).map((line) => line.candidate)).toEqual([expect.stringMatching(/^wasm \(\d+ threads?\)$/)]);
    // The GPU modes work here, but on SwiftShader: passed over as software.
    const webgl2 = best.considered.find((line) => line.candidate === 'gpu.js:webgl2');
    expect(webgl2?.picked).toBe(false);
    expect(webgl2?.reason).toMatch(/software renderer .*SwiftShader/i);
    expect(await page.textContent('#best-backend')).toBe('wasm (wasm)');
    expect(await page.textContent('#best-reason')).toBe(best.reason);
    expect(await page.locator('#best-considered summary').textContent()).toBe(`${best.considered.length} candidates considered`);
    expect(await page.locator('#best-considered li').allTextContents()).toEqual(
      best.considered.map((line) => `${line.candidate} ${line.picked ? 'picked' : 'passed over'}: ${line.reason}`),
    );
    expect(await page.textContent('#status')).toContain('best backend wasm');
  });

  it('predicts on the best backend what the Node reference run predicts, and shows it next to the charts', async () => {
    const { digits } = reference;
    const images = allImages(digits);
    const expected = await reference.probabilities(images, digits.count);
    const actual = await page.evaluate(([pixels, count]) => window.qaxon.bestProbabilities(pixels, count), [Array.from(images), digits.count] as const);
    expectSameAsReference('float on the best backend', actual.float, expected.float);
    expectSameAsReference('int8 on the best backend', actual.int8, expected.int8);
    await page.evaluate((index) => window.qaxon.pickHeldOut(index), 3);
    const one = await reference.probabilities(digits.image(3).slice(), 1);
    expect(await page.getAttribute('#best-result', 'data-float')).toBe(String(argmax(one.float[0]!)));
    expect(await page.getAttribute('#best-result', 'data-int8')).toBe(String(argmax(one.int8[0]!)));
    expect(await page.textContent('#best-result')).toMatch(/^On wasm: float32 says \d \([\d.]+ ms(, first call)?\), int8 says \d \([\d.]+ ms(, first call)?\)\.$/);
  });

  it('predicts, with the float and the int8 model, exactly what the Node reference run predicts on the held-out digits', async () => {
    const { digits } = reference;
    const images = allImages(digits);
    const expected = await reference.probabilities(images, digits.count);
    const actual = await page.evaluate(([pixels, count]) => window.qaxon.probabilities(pixels, count), [Array.from(images), digits.count] as const);
    expectSameAsReference('float', actual.float, expected.float);
    expectSameAsReference('int8', actual.int8, expected.int8);
    const correct = (rows: number[][]) => rows.filter((row, i) => argmax(row) === digits.labels[i]).length;
    console.log(`held-out digits right: float ${correct(actual.float)}/${digits.count}, int8 ${correct(actual.int8)}/${digits.count}`);
    expect(correct(actual.int8)).toBeGreaterThanOrEqual(digits.count - 3);
  });

  it('shows both predictions in the bar charts when a held-out digit is clicked', async () => {
    const { digits } = reference;
    for (const index of [2, 7, 13, 18, 24, 29, 31, 36, 44, 47]) {
      await page.click(`.digit-thumb[data-index="${index}"]`);
      await expect.poll(() => page.textContent('#input-source')).toContain(`#${digits.ids[index]} `);
      const expected = await reference.probabilities(digits.image(index).slice(), 1);
      for (const model of ['float', 'int8'] as const) {
        const shown = () => page.getAttribute(`#chart-${model}`, 'data-prediction');
        await expect.poll(shown, { message: `${model} chart for held-out digit ${index}` }).toBe(String(argmax(expected[model][0]!)));
      }
    }
    expect(await page.getAttribute('#agreement', 'data-agree')).toBe('true');
  });

  it('quantizes in the page to the same int8 state as the shipped file, 4x smaller than float', async () => {
    await page.click('#quantize-in-page');
    await expect.poll(() => page.getAttribute('#int8-source', 'data-source')).toBe('page');
    const { matches, bytes } = await page.evaluate(() => ({ matches: window.qaxon.int8MatchesFile(), bytes: window.qaxon.modelBytes() }));
    expect(matches).toBe(true);
    expect(bytes.state.float / bytes.state.int8).toBeGreaterThan(3.9);
    const { digits } = reference;
    const expected = await reference.probabilities(digits.image(5).slice(), 1);
    const shown = await page.evaluate((index) => window.qaxon.pickHeldOut(index), 5);
    expectSameAsReference('int8 quantized in the page', [shown.int8.probabilities], expected.int8);
    await page.evaluate(() => window.qaxon.setQuantizeInPage(false));
    expect(await page.evaluate(() => window.qaxon.int8Source())).toBe('file');
  });

  it('turns a mouse drawing into a centred 28 x 28 MNIST input and classifies it like the reference', async () => {
    await drawSeven(page);
    await expect.poll(() => page.textContent('#input-source')).toBe('your drawing');
    await page.evaluate(() => window.qaxon.idle());
    const input = Float32Array.from(await page.evaluate(() => window.qaxon.lastInput()));
    expect(input.length).toBe(MNIST_PIXELS);
    expect(Math.max(...input)).toBe(1);
    const box = inkBoundingBox({ width: MNIST_SIDE, height: MNIST_SIDE, ink: input });
    expect(box !== undefined && box.right - box.left < 21 && box.bottom - box.top < 21).toBe(true);
    const [cx, cy] = centerOfMass(input, MNIST_SIDE, MNIST_SIDE);
    expect(Math.abs(cx - 14)).toBeLessThanOrEqual(0.5);
    expect(Math.abs(cy - 14)).toBeLessThanOrEqual(0.5);
    const expected = await reference.probabilities(input, 1);
    for (const model of ['float', 'int8'] as const) {
      expect(await page.getAttribute(`#chart-${model}`, 'data-prediction'), `${model} chart for the drawing`).toBe(String(argmax(expected[model][0]!)));
    }
    const shown: ModelPair<Prediction> = await page.evaluate((pixels) => window.qaxon.classify(pixels), Array.from(input));
    expectSameAsReference('float, drawing', [shown.float.probabilities], expected.float);
    expectSameAsReference('int8, drawing', [shown.int8.probabilities], expected.int8);
    console.log(`the drawn 7 was read as ${shown.float.digit} (float) and ${shown.int8.digit} (int8)`);
  });

  it('passes the conformance suite of every op it implements on its WebGL2 backend', async () => {
    const report = await page.evaluate(() => window.qaxon.runConformance());
    const failures = report.results.filter((result) => !result.ok).map((result) => result.message);
    expect(failures).toEqual([]);
    expect(report.backend).toBe('gpu.js:webgl2');
    // The dense ops, the activations and softmax run on WebGL2: far more cases than the lifecycle ones.
    expect(report.passed).toBeGreaterThan(40);
    expect(report.results.some((result) => result.name.startsWith('quantizedDense') && result.ok && result.skipped === '')).toBe(true);
    console.log(`conformance on ${report.backend}: ${report.passed} passed, ${report.skipped} skipped in ${Math.round(report.milliseconds)} ms`);
  }, CONFORMANCE_TIMEOUT_MS);

  it('also predicts like the reference and passes the conformance cases on WebGPU, when the browser offers it', async (context) => {
    const modes = await page.evaluate(() => window.qaxon.availableModes());
    if (!modes.includes('webgpu')) context.skip(`this Chromium offers no WebGPU adapter (modes: ${modes.join(', ')})`);
    const report = await page.evaluate(() => window.qaxon.runConformance('webgpu'));
    expect(report.results.filter((result) => !result.ok).map((result) => result.message)).toEqual([]);
    expect(await page.evaluate(() => window.qaxon.setMode('webgpu'))).toBe('webgpu');
    const { digits } = reference;
    const images = allImages(digits);
    const expected = await reference.probabilities(images, digits.count);
    const actual = await page.evaluate(([pixels, count]) => window.qaxon.probabilities(pixels, count), [Array.from(images), digits.count] as const);
    expectSameAsReference('float on WebGPU', actual.float, expected.float);
    expectSameAsReference('int8 on WebGPU', actual.int8, expected.int8);
    expect(await page.evaluate(() => window.qaxon.setMode('auto'))).toBe('webgl2');
  }, CONFORMANCE_TIMEOUT_MS);

  it('still predicts like the reference after garbage collection frees the conformance kernels', async () => {
    await page.evaluate(async () => {
      await window.qaxon.setQuantizeInPage(true);
      await window.qaxon.setQuantizeInPage(false);
      await window.qaxon.runConformance();
      const collect = (globalThis as unknown as { gc?: () => void }).gc;
      if (collect === undefined) throw new Error('expected gc() (Chromium started with --js-flags=--expose-gc)');
      for (let round = 0; round < 3; round++) {
        collect();
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    });
    const { digits } = reference;
    const images = allImages(digits);
    const expected = await reference.probabilities(images, digits.count);
    const actual = await page.evaluate(([pixels, count]) => window.qaxon.probabilities(pixels, count), [Array.from(images), digits.count] as const);
    expectSameAsReference('float after gc', actual.float, expected.float);
    expectSameAsReference('int8 after gc', actual.int8, expected.int8);
  }, CONFORMANCE_TIMEOUT_MS);

  it('renders without page errors (screenshot in e2e-output/page.png)', async () => {
    await page.evaluate(() => window.qaxon.runConformance());
    await drawSeven(page);
    await page.evaluate(() => window.qaxon.idle());
    // Open the best backend's candidates, so the screenshot shows them.
    await page.click('#best-considered summary');
    expect(await page.locator('#best-considered li').first().isVisible()).toBe(true);
    mkdirSync(OUTPUT, { recursive: true });
    await page.screenshot({ path: `${OUTPUT}page.png`, fullPage: true });
    if (process.env.QAXON_UPDATE_SCREENSHOT === '1') copyFileSync(`${OUTPUT}page.png`, `${APP_ROOT}screenshot.png`);
    expect(pageErrors).toEqual([]);
    expect(await page.getAttribute('#status', 'data-state')).toBe('ready');
  });
});
