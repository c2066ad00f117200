import { createServer, type Server } from 'node:http';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

const packagesDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** The page a browser test loads: imports the built packages through an import map. */
function pageHtml(script: string): string {
  return `<!doctype html><html><head><meta charset="utf-8">
<script type="importmap">{"imports": {
  "@qaxon/tensor": "/pkg/tensor/index.js",
  "@qaxon/kernel-reference": "/pkg/kernel-reference/index.js",
  "@qaxon/kernel-wasm": "/pkg/kernel-wasm/index.js"
}}</script></head><body><script type="module">
try {
${script}
} catch (error) { window.result = { error: String(error && error.stack || error) }; }
</script></body></html>`;
}

/**
 * Serves `/isolated.html` (with COOP/COEP headers: cross-origin isolated, so
 * SharedArrayBuffer exists) and `/plain.html` (without), both running `script`, plus the
 * `dist/` folders of the workspace packages under `/pkg/<folder>/`.
 */
export async function serveBrowserPage(script: string): Promise<{ server: Server; origin: string }> {
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    const isolated = path.startsWith('/isolated') || request.headers.referer?.includes('/isolated') === true;
    const headers: Record<string, string> = isolated
      ? { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' }
      : {};
    if (path === '/isolated.html' || path === '/plain.html') {
      response.writeHead(200, { ...headers, 'content-type': 'text/html' }).end(pageHtml(script));
      return;
    }
    const match = /^\/pkg\/([a-z-]+)\/(.+)$/.exec(path);
    const file = match ? normalize(join(packagesDir, match[1]!, 'dist', match[2]!)) : '';
    if (!match || !file.startsWith(packagesDir) || !existsSync(file) || statSync(file).isDirectory()) {
      response.writeHead(404).end('not found');
      return;
    }
    const type = extname(file) === '.js' ? 'text/javascript' : 'application/octet-stream';
    response.writeHead(200, { ...headers, 'content-type': type }).end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('serveBrowserPage: no port');
  return { server, origin: `http://127.0.0.1:${address.port}` };
}

/** Whether the built packages the page imports exist. */
export function builtPackagesExist(): boolean {
  return ['tensor', 'kernel-reference', 'kernel-wasm'].every((folder) => existsSync(join(packagesDir, folder, 'dist', 'index.js')));
}
