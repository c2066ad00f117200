import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveStatic, type StaticServer } from './static-server.js';

describe('serveStatic', () => {
  let server: StaticServer;
  beforeAll(async () => {
    const root = mkdtempSync(join(tmpdir(), 'qaxon-web-static-'));
    writeFileSync(join(root, 'index.html'), '<p>hello</p>');
    writeFileSync(join(root, 'model.safetensors'), new Uint8Array([1, 2, 3]));
    server = await serveStatic(root);
  });
  afterAll(() => server.close());

  it('serves index.html at / and files with their content type, on 127.0.0.1', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const page = await fetch(server.url);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await page.text()).toBe('<p>hello</p>');
    const file = await fetch(new URL('model.safetensors', server.url));
    expect(new Uint8Array(await file.arrayBuffer())).toEqual(new Uint8Array([1, 2, 3]));
  });

  it('answers 404 for missing files and for paths that climb out of the root', async () => {
    expect((await fetch(new URL('missing.js', server.url))).status).toBe(404);
    expect((await fetch(`${server.url}..%2f..%2fetc%2fpasswd`)).status).toBe(404);
  });
});
