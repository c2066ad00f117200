// The browser part of check-consumer: a page that builds a model, quantizes it and
// predicts on the backend createBestBackend() picks (no @qaxon/kernel-gpu installed), bundled
// by Vite from the packed tarballs and run in headless Chromium served from 127.0.0.1.
// Returns a failure message, or undefined when the page printed its result.
import { createServer } from 'node:http';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';

const PAGE = `import { build, dense, input, softmax } from '@qaxon/graph';
import { quantize } from '@qaxon/quantization';
import { createBestBackend } from '@qaxon/backends';
import { randomNormal, template } from '@qaxon/tensor';

const out = document.querySelector('#out')!;
try {
  const model = softmax(dense(input('pixels'), 10));
  const [int8Model, int8State] = quantize(model, build(model).init(template([1, 784])));
  const best = await createBestBackend();
  const y = await build(int8Model, { backend: best.backend }).predict(int8State, randomNormal([2, 784], { seed: 1 }));
  out.textContent = 'ok ' + best.kind + ' ' + JSON.stringify(y.shape);
  best.backend.dispose?.();
} catch (error) {
  out.textContent = 'error ' + String(error instanceof Error ? error.stack : error);
}
`;

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css' };

export async function checkBrowserBuild({ scratch, packages, sh, npmInstall, devVersion, log }) {
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(executablePath) || process.env.QAXON_SKIP_BROWSER === '1') {
    log(`browser build skipped (no Chromium at ${executablePath}, or QAXON_SKIP_BROWSER=1)`);
    return undefined;
  }
  const dir = join(scratch, 'web');
  mkdirSync(join(dir, 'src'), { recursive: true });
  const names = ['@qaxon/backends', '@qaxon/graph', '@qaxon/quantization', '@qaxon/tensor', '@qaxon/kernel-reference', '@qaxon/kernel-wasm'];
  const webVite = JSON.parse(readFileSync(new URL('../../apps/web/package.json', import.meta.url), 'utf8')).devDependencies.vite;
  const dependencies = { ...Object.fromEntries(names.map((name) => [name, packages[name]])), vite: webVite, typescript: devVersion('typescript') };
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'qaxon-consumer-web', private: true, type: 'module', dependencies }, null, 2));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><html><body><pre id="out">loading</pre><script type="module" src="/src/main.ts"></script></body></html>\n');
  writeFileSync(join(dir, 'src', 'main.ts'), PAGE);
  writeFileSync(join(dir, 'vite.config.js'), "export default { build: { target: 'es2022' }, logLevel: 'warn' };\n");
  npmInstall(dir);
  const built = sh('node', [join(dir, 'node_modules/vite/bin/vite.js'), 'build'], { cwd: dir });
  if (!built.ok) return `vite build failed:\n${built.output}`;

  const dist = join(dir, 'dist');
  const server = createServer((request, response) => {
    const path = normalize(join(dist, decodeURIComponent(new URL(request.url, 'http://x').pathname)));
    const file = path.startsWith(dist) && existsSync(path) && !path.endsWith('/') ? path : join(dist, 'index.html');
    response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    response.end(readFileSync(file));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath, args: ['--no-sandbox'] });
  try {
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${server.address().port}/`);
    await page.waitForFunction(() => document.querySelector('#out')?.textContent !== 'loading', undefined, { timeout: 60_000 });
    const text = await page.textContent('#out');
    if (!text?.startsWith('ok ')) return `the Vite-built page failed in Chromium: ${text}`;
    log(`Vite build in headless Chromium: ${text}`);
    return undefined;
  } finally {
    await browser.close();
    server.close();
  }
}
