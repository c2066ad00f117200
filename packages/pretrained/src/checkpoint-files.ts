import { blobName, blobSource } from './blob-source.js';
import type { ByteSource } from './byte-source.js';
import { PretrainedError } from './errors.js';
import { probeUrlSource, type UrlSourceOptions } from './url-source.js';

/**
 * The files of a checkpoint folder, opened by name on demand: what the loaders read
 * `config.json`, the safetensors files and the tokenizer through, wherever the folder lies
 * (the file system, a folder picked in a browser, a web server). `open` returns undefined
 * for a file that is not there.
 *
 * @example
 * ```ts
 * import { bytesSource, type CheckpointFiles } from '@qaxon/pretrained';
 * const config = new TextEncoder().encode('{"model_type":"llama"}');
 * const files: CheckpointFiles = { name: 'memory', open: async (file) => (file === 'config.json' ? bytesSource(config, file) : undefined) };
 * ```
 */
export interface CheckpointFiles {
  /** The folder's name for messages. */
  readonly name: string;
  /** The file `path` (relative to the folder), or undefined when absent. */
  open(path: string): Promise<(ByteSource & { close?: () => Promise<void> }) | undefined>;
}

/**
 * What `loadPretrainedFrom` reads: files (`File`s from `<input type="file" webkitdirectory>`
 * keep their relative paths; their common top folder is dropped), named `Blob`s or byte
 * sources (`{ 'config.json': blob, ... }`), the URL of a folder (ending in `/`) or of a
 * llama2.c `.bin`, or a {@link CheckpointFiles} of your own.
 *
 * @example
 * ```ts
 * import type { PretrainedFiles } from '@qaxon/pretrained';
 * declare const picked: FileList;
 * const fromPicker: PretrainedFiles = picked;
 * const fromServer: PretrainedFiles = 'https://example.com/models/stories260K/';
 * ```
 */
export type PretrainedFiles =
  | Iterable<File>
  | ArrayLike<File>
  | Readonly<Record<string, Blob | ByteSource>>
  | string
  | URL
  | CheckpointFiles;

/**
 * Turns any {@link PretrainedFiles} into {@link CheckpointFiles}, with the name of the
 * llama2.c checkpoint when the source is a single `.bin` (URL) or a set of files without
 * a `config.json` but with one non-tokenizer `.bin`.
 *
 * @internal
 */
export function checkpointFiles(files: PretrainedFiles, options: UrlSourceOptions = {}): { files: CheckpointFiles; llama2cFile: string | undefined } {
  if (typeof files === 'string' || files instanceof URL) {
    let url: URL;
    try {
      url = new URL(String(files), globalThis.location?.href);
    } catch (error) {
      throw new PretrainedError(`expected an absolute URL (or one relative to the page), got '${String(files)}'`, String(files), { cause: error });
    }
    return urlFiles(url, options);
  }
  if (isCheckpointFiles(files)) return { files, llama2cFile: undefined };
  const entries: [string, Blob | ByteSource][] = isFileList(files)
    ? stripCommonFolder(Array.from(files as ArrayLike<File>, (file) => [blobName(file), file]))
    : Object.entries(files as Record<string, Blob | ByteSource>);
  const byName = new Map(entries);
  const sourceOf = (path: string, value: Blob | ByteSource): ByteSource => (value instanceof Blob ? blobSource(value, path) : value);
  const names = [...byName.keys()];
  const bins = names.filter((name) => name.endsWith('.bin') && !/(^|\/)tok[^/]*\.bin$/.test(name));
  return {
    files: { name: 'files', open: async (path) => (byName.has(path) ? sourceOf(path, byName.get(path)!) : undefined) },
    llama2cFile: byName.has('config.json') || bins.length !== 1 ? undefined : bins[0],
  };
}

function isCheckpointFiles(value: unknown): value is CheckpointFiles {
  return typeof (value as CheckpointFiles).open === 'function' && typeof (value as CheckpointFiles).name === 'string';
}

function isFileList(value: unknown): boolean {
  return typeof (value as Iterable<unknown>)[Symbol.iterator] === 'function' || typeof (value as ArrayLike<unknown>).length === 'number';
}

/** `model/config.json`, `model/model.safetensors` -> `config.json`, `model.safetensors`. */
function stripCommonFolder(entries: [string, File][]): [string, File][] {
  const first = entries[0]?.[0].split('/')[0];
  const common = entries.length > 0 && entries.every(([path]) => path.includes('/') && path.split('/')[0] === first);
  return common ? entries.map(([path, file]) => [path.slice(first!.length + 1), file]) : entries;
}

function urlFiles(url: URL, options: UrlSourceOptions): { files: CheckpointFiles; llama2cFile: string | undefined } {
  const isFolder = url.pathname.endsWith('/');
  const folder = isFolder ? url : new URL('.', url);
  return {
    files: { name: folder.href, open: (path) => probeUrlSource(new URL(path, folder), options) },
    llama2cFile: isFolder ? undefined : decodeURIComponent(url.pathname.slice(url.pathname.lastIndexOf('/') + 1)),
  };
}

/** Reads a whole (small) file: a configuration, an index, a tokenizer. @internal */
export async function readWholeFile(files: CheckpointFiles, path: string): Promise<{ bytes: Uint8Array; name: string } | undefined> {
  const source = await files.open(path);
  if (source === undefined) return undefined;
  try {
    return { bytes: await source.read(0, source.size), name: source.name };
  } finally {
    await source.close?.();
  }
}

/** Reads and parses a JSON file, undefined when absent. @internal */
export async function readJsonFile(files: CheckpointFiles, path: string): Promise<{ json: unknown; name: string } | undefined> {
  const file = await readWholeFile(files, path);
  if (file === undefined) return undefined;
  try {
    return { json: JSON.parse(new TextDecoder().decode(file.bytes)), name: file.name };
  } catch (error) {
    throw new PretrainedError(`${file.name}: expected JSON: ${(error as Error).message}`, file.name, { cause: error });
  }
}

/** Runs `use` on file `path` (which must exist), closing it afterwards. @internal */
export async function withCheckpointFile<T>(files: CheckpointFiles, path: string, use: (source: ByteSource) => Promise<T>): Promise<T> {
  const source = await files.open(path);
  if (source === undefined) throw new PretrainedError(`${files.name}: expected a file ${path}, found none`, path);
  try {
    return await use(source);
  } finally {
    await source.close?.();
  }
}
