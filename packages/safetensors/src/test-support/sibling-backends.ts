import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Backend } from '@qaxon/tensor';

/**
 * The reference and wasm backends from the sibling packages' built `dist/`, for tests that
 * load onto real backends. They are not dependencies of this package (the lockfile is
 * frozen), so they are imported by path; `undefined` when that package is not built.
 */
export async function siblingBackend(name: 'reference' | 'wasm'): Promise<(Backend & { dispose?(): void }) | undefined> {
  const url = new URL(`../../../kernel-${name}/dist/index.js`, import.meta.url);
  if (!existsSync(fileURLToPath(url))) return undefined;
  const module = (await import(url.href)) as Record<string, (options?: object) => Backend | Promise<Backend>>;
  return name === 'reference' ? await module['createReferenceBackend']!() : await module['createWasmBackend']!({ threads: 1 });
}
