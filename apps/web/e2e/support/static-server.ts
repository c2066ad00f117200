import { createReadStream, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.wasm': 'application/wasm',
};

/**
 * A static file server for a built page, on 127.0.0.1 and a free port.
 *
 * @example
 * ```ts
 * const server = await serveStatic('dist');
 * console.log(server.url); // http://127.0.0.1:41234/
 * await server.close();
 * ```
 */
export interface StaticServer {
  /** The root URL, ending in `/`. */
  readonly url: string;
  /** Stops the server. */
  close(): Promise<void>;
}

/**
 * Serves the files under `root` (`/` is `index.html`); anything else is a 404.
 *
 * @example
 * ```ts
 * const server = await serveStatic(fileURLToPath(new URL('../dist', import.meta.url)));
 * ```
 */
export async function serveStatic(root: string): Promise<StaticServer> {
  const base = normalize(root);
  const server: Server = createServer((request, response) => {
    const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://127.0.0.1').pathname);
    const path = normalize(join(base, pathname === '/' ? 'index.html' : pathname));
    let size = -1;
    try {
      if (path.startsWith(base + sep)) size = statSync(path).isFile() ? statSync(path).size : -1;
    } catch {
      size = -1;
    }
    if (size < 0) {
      response.writeHead(404, { 'Content-Type': 'text/plain' }).end(`not found: ${pathname}`);
      return;
    }
    response.writeHead(200, { 'Content-Type': CONTENT_TYPES[extname(path)] ?? 'application/octet-stream', 'Content-Length': size });
    createReadStream(path).pipe(response);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
