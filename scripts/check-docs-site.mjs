#!/usr/bin/env node
// Checks the generated TypeDoc site in docs/api: every guide and benchmark page is in
// typedoc.json's projectDocuments (they are listed one by one, in reading order), every
// internal link and asset resolves to a file, and the site renders in headless Chromium
// (served from 127.0.0.1): the benchmark charts load, and a screenshot of the landing page,
// navigation groups open, is written to docs/api-screenshot.png.
import { createServer } from 'node:http';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { extname, join, normalize, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const site = join(root, 'docs', 'api');
if (!existsSync(join(site, 'index.html'))) {
  console.error('check-docs-site: docs/api/index.html is missing: run typedoc first (pnpm docs)');
  process.exit(1);
}

const listed = new Set(JSON.parse(readFileSync(join(root, 'typedoc.json'), 'utf8')).projectDocuments ?? []);
const unlisted = ['docs/guides', 'docs/benchmarks'].flatMap((dir) =>
  readdirSync(join(root, dir))
    .filter((file) => file.endsWith('.md'))
    .map((file) => `${dir}/${file}`)
    .filter((file) => !listed.has(file)),
);
if (unlisted.length > 0) {
  console.error(`check-docs-site: not in typedoc.json's projectDocuments, so missing from the site: ${unlisted.join(', ')}`);
  process.exit(1);
}

function* htmlFiles(dir) {
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) yield* htmlFiles(path);
    else if (path.endsWith('.html')) yield path;
  }
}

const broken = [];
let links = 0;
let pages = 0;
for (const file of htmlFiles(site)) {
  pages += 1;
  const html = readFileSync(file, 'utf8');
  for (const match of html.matchAll(/\s(?:href|src)="([^"]+)"/g)) {
    const target = match[1];
    if (/^(?:[a-z]+:|\/\/|#)/i.test(target)) continue; // external, protocol or same-page anchor
    links += 1;
    const path = decodeURIComponent(target.split('#')[0].split('?')[0]);
    const resolved = normalize(join(file, '..', path));
    if (!resolved.startsWith(site) || !existsSync(resolved)) broken.push(`${relative(root, file)} -> ${target}`);
  }
}
if (broken.length > 0) {
  console.error(`check-docs-site: ${broken.length} broken internal links:\n${broken.slice(0, 50).join('\n')}`);
  process.exit(1);
}
console.log(`check-docs-site: ${pages} pages, ${links} internal links, none broken`);

if (process.env.QAXON_SKIP_BROWSER === '1') {
  console.log('check-docs-site: QAXON_SKIP_BROWSER=1, screenshot skipped');
  process.exit(0);
}
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(executablePath)) {
  console.error(`check-docs-site: no Chromium at ${executablePath} (apt-get install chromium, or set QAXON_SKIP_BROWSER=1)`);
  process.exit(1);
}
const types = { '.html': 'text/html', '.css': 'text/css', '.js': 'text/javascript', '.svg': 'image/svg+xml', '.png': 'image/png', '.json': 'application/json' };
const server = createServer((request, response) => {
  const path = normalize(join(site, decodeURIComponent(new URL(request.url, 'http://x').pathname)));
  const file = path.endsWith('/') ? join(path, 'index.html') : path;
  if (!file.startsWith(site) || !existsSync(file) || statSync(file).isDirectory()) {
    response.writeHead(404).end('not found');
    return;
  }
  response.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const { port } = server.address();
const { chromium } = await import('playwright-core');
const browser = await chromium.launch({
  executablePath,
  args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-gpu'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  const response = await page.goto(`http://127.0.0.1:${port}/index.html`, { waitUntil: 'load' });
  if (!response?.ok()) throw new Error(`landing page answered ${response?.status()}`);
  const title = await page.title();
  const modules = await page.locator('a').evaluateAll((anchors) => anchors.map((a) => a.textContent ?? ''));
  for (const name of ['@qaxon/tensor', '@qaxon/quantization']) {
    if (!modules.some((text) => text.includes(name))) throw new Error(`the landing page does not link ${name}`);
  }
  // Open the navigation's top-level groups (Guides, Modules, ...) so the screenshot shows the site's structure.
  await page.waitForSelector('#tsd-nav-container > li > details');
  const groups = await page.locator('#tsd-nav-container > li > details').evaluateAll((details) =>
    details.map((element) => {
      element.open = true;
      return element.querySelector('summary')?.textContent?.trim() ?? '';
    }),
  );
  for (const group of ['Guides', 'Modules']) {
    if (!groups.includes(group)) throw new Error(`the navigation has no ${group} group (groups: ${groups.join(', ') || 'none'})`);
  }
  await page.screenshot({ path: join(root, 'docs', 'api-screenshot.png') });
  const charts = await chartsThatLoad(page, `http://127.0.0.1:${port}/documents/`);
  if (errors.length > 0) throw new Error(`page errors: ${errors.join('; ')}`);
  console.log(`check-docs-site: "${title}" renders in Chromium (navigation: ${groups.join(', ')}; ${charts} images on document pages load, benchmark charts included); screenshot at docs/api-screenshot.png`);
} finally {
  await browser.close();
  server.close();
}

/** Opens every document page that embeds images and checks each image loaded; returns how many did. */
async function chartsThatLoad(page, documentsUrl) {
  let loaded = 0;
  for (const file of readdirSync(join(site, 'documents'))) {
    if (!readFileSync(join(site, 'documents', file), 'utf8').includes('<img ')) continue;
    await page.goto(`${documentsUrl}${encodeURIComponent(file)}`, { waitUntil: 'load' });
    const images = await page.locator('.tsd-panel img, .tsd-typography img').evaluateAll((elements) =>
      elements.map((image) => ({ src: image.getAttribute('src'), ok: image.complete && image.naturalWidth > 0 })),
    );
    const failed = images.filter((image) => !image.ok).map((image) => image.src);
    if (failed.length > 0) throw new Error(`documents/${file}: ${failed.length} images did not load: ${failed.join(', ')}`);
    loaded += images.length;
  }
  if (loaded === 0) throw new Error('no document page shows an image: the benchmark charts are missing');
  return loaded;
}
