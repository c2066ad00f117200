import { readFileSync, readdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { blobSource } from './blob-source.js';
import { loadPretrainedFrom } from './load-pretrained-from.js';
import { loadPretrained } from './node.js';
import type { PretrainedModel } from './pretrained-model.js';
import { STORIES_FOLDER } from './test-support/fixtures.js';
import { urlSource } from './url-source.js';

const fileNames = readdirSync(STORIES_FOLDER);
const fileOf = (name: string, relativePath?: string): File => {
  const file = new File([readFileSync(join(STORIES_FOLDER, name))], name);
  if (relativePath !== undefined) Object.defineProperty(file, 'webkitRelativePath', { value: relativePath });
  return file;
};

function expectSameState(actual: PretrainedModel, expected: PretrainedModel): void {
  expect([...actual.state].length).toBe([...expected.state].length);
  for (const [layer, parameter, value] of expected.state) expect(actual.state.get(layer, parameter), `${layer}.${parameter}`).toEqual(value);
}

/** Serves the stories260K folder; `ranges: false` answers every request with the whole file. Records each response's byte count. */
function serveFolder(ranges: boolean): Promise<{ server: Server; base: string; served: { path: string; bytes: number }[] }> {
  const served: { path: string; bytes: number }[] = [];
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url!, 'http://localhost').pathname).replace(/^\/models\//, '');
    if (!fileNames.includes(path)) {
      response.writeHead(404).end();
      return;
    }
    const bytes = readFileSync(join(STORIES_FOLDER, path));
    const match = /^bytes=(\d+)-(\d+)$/.exec(request.headers.range ?? '');
    if (!ranges || match === null) {
      served.push({ path, bytes: bytes.length });
      response.writeHead(200, { 'Content-Length': bytes.length }).end(bytes);
      return;
    }
    const first = Number(match[1]);
    const last = Math.min(Number(match[2]), bytes.length - 1);
    served.push({ path, bytes: last - first + 1 });
    response.writeHead(206, { 'Content-Range': `bytes ${first}-${last}/${bytes.length}`, 'Content-Length': last - first + 1 }).end(bytes.subarray(first, last + 1));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}/models/`, served })));
}

describe('loading from Blobs, Files and URLs (browser sources)', { timeout: 60_000 }, () => {
  let fromDisk: PretrainedModel;
  let fromDiskInt8: PretrainedModel;
  beforeAll(async () => {
    fromDisk = await loadPretrained(STORIES_FOLDER, { tokenizer: 'tok512.bin' });
    fromDiskInt8 = await loadPretrained(STORIES_FOLDER, { tokenizer: 'tok512.bin', quantize: true });
  });

  test('blobSource reads ranges of a Blob and refuses reads past its end', async () => {
    const source = blobSource(new Blob([new Uint8Array([5, 6, 7, 8])]), 'four.bin');
    expect(source.size).toBe(4);
    expect(await source.read(1, 2)).toEqual(new Uint8Array([6, 7]));
    const into = new Uint8Array(3);
    expect(await source.read(2, 2, into)).toEqual(new Uint8Array([7, 8, 0]));
    await expect(source.read(3, 2)).rejects.toThrow('four.bin: truncated file: expected bytes up to 5, the file has 4');
  });

  test('a folder picked as Files (relative paths under a common folder) loads the same model as the folder on disk, float and int8', async () => {
    const picked = fileNames.map((name) => fileOf(name, `stories260K/${name}`));
    const loaded = await loadPretrainedFrom(picked, { tokenizer: 'tok512.bin' });
    expectSameState(loaded, fromDisk);
    expect(loaded.config).toEqual(fromDisk.config);
    expect(loaded.tokenizer!.encode('Once upon a time')).toEqual(fromDisk.tokenizer!.encode('Once upon a time'));
    const int8 = await loadPretrainedFrom(picked, { tokenizer: 'tok512.bin', quantize: true });
    expectSameState(int8, fromDiskInt8);
    expect(int8.quantization).toEqual(fromDiskInt8.quantization);
  });

  test('named Blobs load a Hugging Face folder; a lone .bin (with its tokenizer) loads as llama2.c', async () => {
    const blobs = { 'config.json': fileOf('config.json'), 'model.safetensors': fileOf('model.safetensors') };
    const loaded = await loadPretrainedFrom(blobs);
    expect(loaded.tokenizer).toBeUndefined();
    expectSameState(loaded, fromDisk);
    const llama2c = await loadPretrainedFrom([fileOf('stories260K.bin'), fileOf('tok512.bin')], { tokenizer: 'tok512.bin' });
    expect(llama2c.config.interleavedRope).toBe(true);
    expect(llama2c.tokenizer?.vocabSize).toBe(512);
    await expect(loadPretrainedFrom({ 'model.safetensors': fileOf('model.safetensors') })).rejects.toThrow('files: expected a Hugging Face folder with a config.json (or a llama2.c .bin), found no config.json');
    await expect(loadPretrainedFrom(blobs, { tokenizer: 'tok512.bin' })).rejects.toThrow('cannot read the tokenizer tok512.bin: no such file in files');
  });

  describe('over HTTP with range requests', () => {
    let ranged: Awaited<ReturnType<typeof serveFolder>>;
    let whole: Awaited<ReturnType<typeof serveFolder>>;
    beforeAll(async () => {
      [ranged, whole] = await Promise.all([serveFolder(true), serveFolder(false)]);
    });
    afterAll(() => {
      ranged.server.close();
      whole.server.close();
    });

    test('a folder URL loads the same model, reading the checkpoint tensor by tensor (no request for the whole file)', async () => {
      const loaded = await loadPretrainedFrom(ranged.base, { tokenizer: 'tok512.bin', quantize: true });
      expectSameState(loaded, fromDiskInt8);
      const size = readFileSync(join(STORIES_FOLDER, 'model.safetensors')).length;
      const reads = ranged.served.filter((entry) => entry.path === 'model.safetensors');
      expect(reads.length).toBeGreaterThan(40);
      expect(Math.max(...reads.map((entry) => entry.bytes))).toBeLessThan(size / 2);
    });

    test('a .bin URL loads as llama2.c with the tokenizer beside it', async () => {
      const loaded = await loadPretrainedFrom(`${ranged.base}stories260K.bin`, { tokenizer: 'tok512.bin' });
      expect(loaded.config.interleavedRope).toBe(true);
      expect(loaded.tokenizer!.decode(loaded.tokenizer!.encode('Once upon a time'))).toBe('Once upon a time');
    });

    test('urlSource reads ranges; a server that ignores Range and a missing file are clear errors', async () => {
      const source = await urlSource(`${ranged.base}config.json`);
      const text = readFileSync(join(STORIES_FOLDER, 'config.json'));
      expect(source.size).toBe(text.length);
      expect(await source.read(3, 10)).toEqual(new Uint8Array(text.subarray(3, 13)));
      await expect(urlSource(`${whole.base}model.safetensors`)).rejects.toThrow(
        /model\.safetensors: the server ignored the Range header \(answered 200 with the whole file, expected 206 Partial Content for bytes 0-0\)/,
      );
      await expect(loadPretrainedFrom(whole.base)).rejects.toThrow(/config\.json: the server ignored the Range header/);
      await expect(loadPretrainedFrom('models/stories260K/')).rejects.toThrow("expected an absolute URL (or one relative to the page), got 'models/stories260K/'");
      await expect(urlSource(`${ranged.base}nothing.safetensors`)).rejects.toThrow(/nothing\.safetensors: expected a file, got 404 Not Found/);
    });
  });
});
