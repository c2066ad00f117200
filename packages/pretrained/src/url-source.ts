import type { ByteSource } from './byte-source.js';
import { PretrainedError } from './errors.js';

/**
 * Options of {@link urlSource}.
 *
 * @example
 * ```ts
 * import type { UrlSourceOptions } from '@qaxon/pretrained';
 * const options: UrlSourceOptions = { headers: { Authorization: 'Bearer hf_...' } };
 * ```
 */
export interface UrlSourceOptions {
  /** Extra request headers (an access token, ...). */
  headers?: Record<string, string>;
  /** The `fetch` to use (default: the global one). */
  fetch?: typeof fetch;
}

/**
 * A {@link ByteSource} over a file served over HTTP: every read is one `fetch` with a
 * `Range: bytes=a-b` header, so a checkpoint is read tensor by tensor and never buffered
 * whole. The first request (`bytes=0-0`) learns the size from `Content-Range`. A server
 * that ignores ranges (answers 200 instead of 206) is a {@link PretrainedError} saying
 * so; a missing file (404) is too. Cross-origin servers must allow the `Range` header
 * and expose `Content-Range` (CORS).
 *
 * @example
 * ```ts
 * import { urlSource } from '@qaxon/pretrained';
 * const source = await urlSource('https://example.com/models/stories260K/model.safetensors');
 * const header = await source.read(0, 8);
 * ```
 */
export async function urlSource(url: string | URL, options: UrlSourceOptions = {}): Promise<ByteSource> {
  const source = await probeUrlSource(url, options);
  if (source === undefined) throw new PretrainedError(`${String(url)}: expected a file, got 404 Not Found`, String(url));
  return source;
}

/** Like {@link urlSource}, but undefined when the server answers 404 (an optional file). @internal */
export async function probeUrlSource(url: string | URL, options: UrlSourceOptions = {}): Promise<ByteSource | undefined> {
  const name = String(url);
  const fetchRange = async (first: number, last: number): Promise<Response> => {
    const fetcher = options.fetch ?? globalThis.fetch;
    try {
      return await fetcher(name, { headers: { ...options.headers, Range: `bytes=${first}-${last}` } });
    } catch (error) {
      throw new PretrainedError(`${name}: request for bytes ${first}-${last} failed: ${(error as Error).message}`, name, { cause: error });
    }
  };
  const probe = await fetchRange(0, 0);
  if (probe.status === 404) {
    await probe.body?.cancel();
    return undefined;
  }
  const size = checkedRange(probe, name, 0, 0).total;
  await probe.arrayBuffer();
  return {
    name,
    size,
    async read(offset, length, into) {
      if (offset + length > size) throw new PretrainedError(`${name}: truncated file: expected bytes up to ${offset + length}, the file has ${size}`, name);
      const bytes = into ?? new Uint8Array(length);
      if (length === 0) return bytes;
      const response = await fetchRange(offset, offset + length - 1);
      checkedRange(response, name, offset, offset + length - 1);
      const body = new Uint8Array(await response.arrayBuffer());
      if (body.length !== length) throw new PretrainedError(`${name}: expected ${length} bytes from offset ${offset}, the server sent ${body.length}`, name);
      bytes.set(body);
      return bytes;
    },
  };
}

/** Checks a range response: 206 with `Content-Range: bytes first-last/total`. */
function checkedRange(response: Response, name: string, first: number, last: number): { total: number } {
  if (response.status === 200) {
    void response.body?.cancel();
    throw new PretrainedError(
      `${name}: the server ignored the Range header (answered 200 with the whole file, expected 206 Partial Content for bytes ${first}-${last}); serve the file from a server with range requests, or load it as a Blob/File`,
      name,
    );
  }
  if (response.status !== 206) {
    void response.body?.cancel();
    throw new PretrainedError(`${name}: expected 206 Partial Content for bytes ${first}-${last}, got ${response.status} ${response.statusText}`, name);
  }
  const header = response.headers.get('content-range');
  const match = header === null ? null : /^bytes (\d+)-(\d+)\/(\d+)$/.exec(header.trim());
  if (match === null) {
    void response.body?.cancel();
    throw new PretrainedError(
      `${name}: expected a Content-Range header 'bytes ${first}-${last}/<size>' on the 206 response, got ${header === null ? 'none (a cross-origin server must expose it: Access-Control-Expose-Headers: Content-Range)' : `'${header}'`}`,
      name,
    );
  }
  if (Number(match[1]) !== first || (Number(match[2]) !== last && Number(match[3]) > last)) {
    void response.body?.cancel();
    throw new PretrainedError(`${name}: asked for bytes ${first}-${last}, the server sent ${match[1]}-${match[2]}`, name);
  }
  return { total: Number(match[3]) };
}
