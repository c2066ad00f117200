// The story page, built and served, in headless Chromium: it loads the bundled stories260K
// (llama2.c file), quantizes it in the page, picks its backend with createBestBackend()
// (wasm on SwiftShader), and generates float32 and int8 continuations. Its greedy float
// continuation must be the one Node computes with @qaxon/pretrained on the reference
// backend, token for token; int8 must run and stay close; a picked file set loads too.
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate } from '@qaxon/pretrained';
import { loadPretrained } from '@qaxon/pretrained/node';
import type { Browser, Page } from 'playwright-core';
import { build as viteBuild } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storiesModelFolder } from '../node/stories-model-plugin.js';
import { browserTestDecision, launchChromium } from './support/chromium.js';
import { serveStatic, type StaticServer } from './support/static-server.js';

const APP_ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUTPUT = fileURLToPath(new URL('../e2e-output/', import.meta.url));
/** Its own build folder: the MNIST page's test builds dist/ at the same time. */
const BUILD = join(OUTPUT, 'story-dist');
const PROMPT = 'Once upon a time';
const TOKENS = 40;

const decision = browserTestDecision();

describe.skipIf(decision !== true)('the story page in headless Chromium', () => {
  let server: StaticServer | undefined;
  let browser: Browser | undefined;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    await viteBuild({ root: APP_ROOT, configFile: `${APP_ROOT}vite.config.ts`, logLevel: 'warn', build: { outDir: BUILD, emptyOutDir: true } });
    server = await serveStatic(BUILD);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(message.text());
    });
    await page.goto(`${server.url}story.html`);
    await page.evaluate(() => window.qaxonStory.ready);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('loads stories260K, quantizes it in the page, and shows the backend createBestBackend() picked (wasm on SwiftShader)', async () => {
    const backend = await page.evaluate(() => window.qaxonStory.backend());
    expect(backend).toMatchObject({ name: 'wasm', kind: 'wasm' });
    expect(await page.textContent('#backend')).toBe('wasm (wasm)');
    expect(await page.textContent('#backend-reason')).toBe(backend.reason);
    const bytes = await page.evaluate(() => window.qaxonStory.bytes());
    const node = await loadPretrained(storiesModelFolder(), { tokenizer: 'tok512.bin', quantize: true });
    expect(bytes).toEqual({ float: node.quantization!.floatStateBytes, int8: node.state.byteSize() });
    expect(await page.textContent('#bytes-ratio')).toBe(`${(bytes.int8 / bytes.float).toFixed(3)}x`);
    expect(await page.textContent('#int8-note')).toMatch(/^quantized in this page while loading, \d+ ms; 36 dense kernels int8$/);
  });

  it('generates the greedy float continuation Node generates, token for token, and an int8 one, side by side', async () => {
    const float = await loadPretrained(storiesModelFolder(), { tokenizer: 'tok512.bin' });
    const expected = await generate({ pretrained: float, prompt: PROMPT, maxTokens: TOKENS });
    const result = await page.evaluate(([prompt, tokens]) => window.qaxonStory.generate(prompt, tokens), [PROMPT, TOKENS] as const);
    console.log(`story page: float ${result.float.decodeTokensPerSecond.toFixed(0)} tokens/s, int8 ${result.int8.decodeTokensPerSecond.toFixed(0)} tokens/s; argmax agreement ${result.argmaxAgreement}`);
    expect(result.float.tokens).toEqual([...expected.tokens]);
    expect(result.float.text).toBe(expected.text);
    expect(readFileSync(join(storiesModelFolder(), 'greedy.txt'), 'utf8').startsWith(PROMPT + result.float.text)).toBe(true);
    expect(result.int8.tokens).toHaveLength(TOKENS);
    expect(result.int8.decodeTokensPerSecond).toBeGreaterThan(0);
    expect(result.argmaxAgreement).toBeGreaterThanOrEqual(0.9);
    // What the columns show: the prompt, then each continuation.
    expect(await page.textContent('#text-float')).toBe(PROMPT + result.float.text);
    expect(await page.textContent('#text-int8')).toBe(PROMPT + result.int8.text);
    expect(await page.textContent('#speed-int8')).toMatch(new RegExp(`^${TOKENS} tokens; prefill [\\d.]+ tokens/s, decode [\\d.]+ tokens/s$`));
    expect(await page.textContent('#agreement')).toMatch(/int8 ranks float's next token first at [\d.]+% of 45 positions/);
    mkdirSync(OUTPUT, { recursive: true });
    await page.screenshot({ path: join(OUTPUT, 'story.png'), fullPage: true });
    if (process.env.QAXON_UPDATE_SCREENSHOT === '1') copyFileSync(join(OUTPUT, 'story.png'), fileURLToPath(new URL('../story-screenshot.png', import.meta.url)));
  });

  it('opens a checkpoint picked with the file picker (a Hugging Face folder or a llama2.c .bin, with a tokenizer), and says what is missing otherwise', async () => {
    const folder = storiesModelFolder();
    await page.setInputFiles('#checkpoint-files', [join(folder, 'stories260K.bin'), join(folder, 'tok512.bin')]);
    await page.waitForFunction(() => document.getElementById('status')?.textContent?.startsWith('Ready: stories260K.bin'));
    expect(await page.textContent('#model-name')).toBe('stories260K.bin (5 layers, hidden 64, vocabulary 512)');
    await page.setInputFiles('#checkpoint-files', [join(folder, 'config.json'), join(folder, 'model.safetensors'), join(folder, 'tok512.bin')]);
    await page.waitForFunction(() => document.getElementById('status')?.textContent?.startsWith('Ready: picked files'));
    const fromFolder = await page.evaluate(() => window.qaxonStory.generate('Once upon a time', 12));
    const expected = await generate({ pretrained: await loadPretrained(folder, { tokenizer: 'tok512.bin' }), prompt: 'Once upon a time', maxTokens: 12 });
    expect(fromFolder.float.tokens).toEqual([...expected.tokens]);
    await page.setInputFiles('#checkpoint-files', [join(folder, 'config.json'), join(folder, 'model.safetensors')]);
    await page.waitForFunction(() => document.getElementById('status')?.dataset.state === 'error');
    expect(await page.textContent('#status')).toContain('expected a tokenizer the page can read (a llama2.c tokenizer.bin or tok*.bin) among the files, got config.json, model.safetensors');
  });

  it('raised no page error', () => {
    expect(pageErrors).toEqual([]);
  });
});
